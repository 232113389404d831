package fr.sarcoma.referral.dossier;

import fr.sarcoma.referral.platform.NetworkCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Dates as the network's pages write them (jj/mm/aaaa, Paris time), for the templates. */
public final class PageFormat {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  /** A day given as aaaa-mm-jj; empty when there is none. */
  public String day(String isoDay) {
    return isoDay == null || isoDay.isBlank() ? "" : LocalDate.parse(isoDay).format(DAY);
  }

  /** The day of an instant in Paris; empty when there is none. */
  public String dayOf(Instant at) {
    return at == null ? "" : at.atZone(NetworkCalendar.ZONE).format(DAY);
  }
}
