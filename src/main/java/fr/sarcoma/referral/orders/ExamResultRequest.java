package fr.sarcoma.referral.orders;

import fr.sarcoma.referral.platform.web.PlausibleDate;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** A result for an order: its conclusion, the report (text, or a reference in the sender's system), when performed. */
public record ExamResultRequest(
    @NotBlank @Size(max = 200) String conclusion,
    @Size(max = 4000) String reportText,
    @Size(max = 200) String reportReference,
    @NotNull @PastOrPresent @PlausibleDate LocalDate performedOn) {

  @AssertTrue(
      message = "le compte rendu (reportText) ou sa référence (reportReference) est obligatoire")
  public boolean isReportTextOrReference() {
    return (reportText != null && !reportText.isBlank())
        || (reportReference != null && !reportReference.isBlank());
  }

  String report() {
    return reportText != null && !reportText.isBlank()
        ? reportText
        : "Référence : " + reportReference;
  }
}
