package fr.sarcoma.referral.letter;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import com.openhtmltopdf.util.XRLog;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.stereotype.Component;

/**
 * A letter's HTML to a PDF/A-1b document (openhtmltopdf on PDFBox): every glyph from the embedded DejaVu Sans (so
 * any Unicode text shows as written, and nothing relies on the reader's fonts), an sRGB output intent, the
 * document's language from the page's {@code lang}. The templates name only the family 'DejaVu Sans'.
 */
@Component
class PdfAWriter {

  static final String FONT_FAMILY = "DejaVu Sans";
  private static final String FONTS = "/net/sf/jasperreports/fonts/dejavu/";
  private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

  static {
    // openhtmltopdf logs every stage of every document at INFO on its own console handler: warnings
    // only.
    XRLog.listRegisteredLoggers().forEach(logger -> XRLog.setLevel(logger, Level.WARNING));
  }

  byte[] write(String html) {
    PdfRendererBuilder builder =
        new PdfRendererBuilder()
            .usePdfAConformance(PdfAConformance.PDFA_1_B)
            .useColorProfile(SRGB)
            .withProducer("RCP de recours sarcomes")
            .withHtmlContent(html, null);
    font(builder, "DejaVuSans.ttf", 400, FontStyle.NORMAL);
    font(builder, "DejaVuSans-Bold.ttf", 700, FontStyle.NORMAL);
    font(builder, "DejaVuSans-Oblique.ttf", 400, FontStyle.ITALIC);
    font(builder, "DejaVuSans-BoldOblique.ttf", 700, FontStyle.ITALIC);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PdfBoxRenderer renderer = builder.buildPdfRenderer();
        PDDocument document = renderer.createPDFKeepOpen()) {
      // PDF/A-1 predates cross-reference and object streams, which PDFBox 3 writes by default.
      document.save(out, CompressParameters.NO_COMPRESSION);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void font(PdfRendererBuilder builder, String file, int weight, FontStyle style) {
    builder.useFont(() -> open(file), FONT_FAMILY, weight, style, true);
  }

  private static InputStream open(String file) {
    InputStream font = PdfAWriter.class.getResourceAsStream(FONTS + file);
    if (font == null) {
      throw new IllegalStateException(
          "Font " + file + " missing from the classpath (jasperreports-fonts)");
    }
    return font;
  }
}
