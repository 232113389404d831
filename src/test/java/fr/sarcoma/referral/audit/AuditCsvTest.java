package fr.sarcoma.referral.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The trail's CSV opens as it should in a French spreadsheet, and never as a formula. */
class AuditCsvTest {

  private static final UUID REFERRAL = UUID.fromString("5a60f981-6770-4b39-9849-af99fc13a0a6");

  @Test
  void frenchSpreadsheetCsvWithQuotingAndNoFormula() {
    String csv =
        AuditCsv.of(
            List.of(
                row("radiologist", "GET /api/referrals/" + REFERRAL + "/file"),
                row("=HYPERLINK(\"x\")", "un; deux \"trois\"\nquatre")));

    String[] lines = csv.split("\r\n");
    assertThat(csv).startsWith("\uFEFF").endsWith("\r\n");
    assertThat(lines[0])
        .isEqualTo(
            "\uFEFFDate et heure (Paris);Utilisateur;Groupes;Action;Code de l'action;N° de demande;"
                + "Identifiant de la demande;Porte d'accès;Motif;Code du motif;Détail");
    assertThat(lines[1])
        .isEqualTo(
            "29/11/2026 14:22:30;radiologist;radiologists;Lecture du dossier clinique;READ_FILE;"
                + "SARC-2026-000001;"
                + REFERRAL
                + ";API;Tâche du dossier que l'utilisateur peut prendre;CANDIDATE_TASK;GET /api/referrals/"
                + REFERRAL
                + "/file");
    assertThat(csv)
        .as("a leading = is text, a ; a quote or a line break is quoted")
        .contains(";\"'=HYPERLINK(\"\"x\"\")\";")
        .contains(";\"un; deux \"\"trois\"\"\nquatre\"\r\n");
  }

  private static AuditRows.Row row(String actor, String detail) {
    return new AuditRows.Row(
        Instant.parse("2026-11-29T13:22:30Z"),
        actor,
        List.of("radiologists"),
        "READ_FILE",
        "Lecture du dossier clinique",
        REFERRAL,
        "SARC-2026-000001",
        "api",
        "API",
        "CANDIDATE_TASK",
        "Tâche du dossier que l'utilisateur peut prendre",
        detail);
  }
}
