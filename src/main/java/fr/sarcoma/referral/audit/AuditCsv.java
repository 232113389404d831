package fr.sarcoma.referral.audit;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The trail as a CSV file for French spreadsheets: UTF-8 with a byte order mark (so that accents
 * open right), semicolons between fields, French headers, Paris time, CRLF line ends; a field holding a
 * semicolon, a quote or a line break is quoted.
 */
final class AuditCsv {

  static final String BOM = "\uFEFF";

  private static final DateTimeFormatter PARIS_TIME =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(ZoneId.of("Europe/Paris"));

  static final List<String> HEADERS =
      List.of(
          "Date et heure (Paris)",
          "Utilisateur",
          "Groupes",
          "Action",
          "Code de l'action",
          "N° de demande",
          "Identifiant de la demande",
          "Porte d'accès",
          "Motif",
          "Code du motif",
          "Détail");

  private AuditCsv() {}

  static String of(List<AuditRows.Row> rows) {
    StringBuilder csv = new StringBuilder(BOM).append(line(HEADERS.stream()));
    for (AuditRows.Row row : rows) {
      csv.append(
          line(
              Stream.of(
                  PARIS_TIME.format(row.at()),
                  row.actor(),
                  String.join(",", row.actorGroups()),
                  row.actionLabel(),
                  row.action(),
                  row.referralNumber(),
                  row.referralId() == null ? "" : row.referralId().toString(),
                  row.doorLabel(),
                  row.reasonLabel(),
                  row.reason(),
                  row.detail())));
    }
    return csv.toString();
  }

  private static String line(Stream<String> fields) {
    return fields.map(AuditCsv::field).collect(Collectors.joining(";")) + "\r\n";
  }

  private static String field(String raw) {
    if (raw == null) {
      return "";
    }
    // Never a formula in a spreadsheet (CSV injection): a leading =, +, - or @ is shown as text.
    String value = raw.matches("^[=+\\-@].*") ? "'" + raw : raw;
    return value.contains(";")
            || value.contains("\"")
            || value.contains("\n")
            || value.contains("\r")
        ? "\"" + value.replace("\"", "\"\"") + "\""
        : value;
  }
}
