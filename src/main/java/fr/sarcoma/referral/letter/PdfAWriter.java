package fr.sarcoma.referral.letter;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
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
  private static final Queue<Fonts> FONTS_READY = new ConcurrentLinkedQueue<>();

  static {
    // openhtmltopdf logs every stage of every document at INFO on its own console handler: warnings
    // only.
    XRLog.listRegisteredLoggers().forEach(logger -> XRLog.setLevel(logger, Level.WARNING));
  }

  byte[] write(String html) {
    Fonts fonts = Optional.ofNullable(FONTS_READY.poll()).orElseGet(Fonts::new);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PDDocument document = new PDDocument();
    PdfRendererBuilder builder =
        new PdfRendererBuilder()
            .usePDDocument(document)
            .usePdfAConformance(PdfAConformance.PDFA_1_B)
            .useColorProfile(SRGB)
            .withProducer("RCP de recours sarcomes")
            .withHtmlContent(html, null);
    fonts.offer(builder, document, "DejaVuSans.ttf", 400, FontStyle.NORMAL);
    fonts.offer(builder, document, "DejaVuSans-Bold.ttf", 700, FontStyle.NORMAL);
    fonts.offer(builder, document, "DejaVuSans-Oblique.ttf", 400, FontStyle.ITALIC);
    fonts.offer(builder, document, "DejaVuSans-BoldOblique.ttf", 700, FontStyle.ITALIC);
    try (document;
        PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
      renderer.createPDFKeepOpen();
      // PDF/A-1 predates cross-reference and object streams, which PDFBox 3 writes by default.
      document.save(out, CompressParameters.NO_COMPRESSION);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Back for the next letter only once this one is written: a parsed font is read by one document
    // at a time.
    FONTS_READY.offer(fonts);
    return out.toByteArray();
  }

  /**
   * The four DejaVu faces, parsed once and kept for the next letters: parsing them for each letter (3 a referral) was
   * a fifth of its rendering (issue 16). A {@link TrueTypeFont} is read as the document is laid out and subset, so a
   * set serves one letter at a time ({@link #FONTS_READY}: as many sets as letters were ever rendered at once); a
   * face is parsed when a letter first uses it, and embedded as a subset of the glyphs each letter uses, as before.
   */
  private static final class Fonts {

    private final Map<String, TrueTypeFont> parsed = new HashMap<>();

    void offer(
        PdfRendererBuilder builder, PDDocument document, String file, int weight, FontStyle style) {
      builder.useFont(
          new PDFontSupplier(null) {
            @Override
            public PDFont supply() {
              try {
                return PDType0Font.load(document, face(file), true);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          },
          FONT_FAMILY,
          weight,
          style,
          true);
    }

    private TrueTypeFont face(String file) throws IOException {
      TrueTypeFont face = parsed.get(file);
      if (face == null) {
        try (InputStream in = open(file)) {
          face = new TTFParser().parse(new RandomAccessReadBuffer(in));
        }
        parsed.put(file, face);
      }
      return face;
    }
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
