package fr.sarcoma.referral.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;

/**
 * The page layout of our letters: A4 portrait, a letterhead, blocks of wrapped text that flow onto
 * further pages as needed (headings are kept with what follows them, the signature is kept whole),
 * and a footer with the page number on every page. Standard Helvetica in WinAnsiEncoding, every
 * string passed through {@link WinAnsiText}. One instance writes one document.
 */
final class PdfLetterLayout implements AutoCloseable {

  private static final float MM = 72f / 25.4f;
  private static final PDRectangle A4 = PDRectangle.A4;
  private static final float LEFT = 25 * MM;
  private static final float RIGHT = A4.getWidth() - 20 * MM;
  private static final float WIDTH = RIGHT - LEFT;
  private static final float TOP = A4.getHeight() - 18 * MM;
  private static final float BOTTOM = 24 * MM;
  private static final float FOOTER_Y = 12 * MM;
  /** Where the recipient block and the signature start, as in a French letter (window envelope side). */
  private static final float RIGHT_COLUMN = LEFT + WIDTH * 0.52f;
  private static final float FIELD_LABEL_WIDTH = 34 * MM;

  static final float BODY_SIZE = 10.5f;
  private static final float SMALL_SIZE = 8.5f;
  private static final float LEADING = 1.32f;

  private static final float[] ACCENT = {0.12f, 0.25f, 0.45f};
  private static final float[] GREY = {0.38f, 0.38f, 0.38f};
  private static final float[] BLACK = {0f, 0f, 0f};

  private final PDDocument document = new PDDocument();
  private final PDFont regular = new PDType1Font(FontName.HELVETICA);
  private final PDFont bold = new PDType1Font(FontName.HELVETICA_BOLD);
  private final PDFont italic = new PDType1Font(FontName.HELVETICA_OBLIQUE);
  private final String continuationHeader;
  private PDPageContentStream content;
  private float y;

  /** @param continuationHeader the line at the top of the second and further pages (who the letter is about) */
  PdfLetterLayout(String continuationHeader) {
    this.continuationHeader = continuationHeader;
    newPage();
  }

  /** The network's letterhead: its name, a line under it, then the subtitle. */
  void letterhead(String name, String subtitle) {
    line(bold, 15, ACCENT, LEFT, name);
    y -= 4;
    rule(ACCENT, 1.2f);
    y -= 3;
    for (String line : wrap(subtitle, regular, SMALL_SIZE, WIDTH)) {
      line(regular, SMALL_SIZE, GREY, LEFT, line);
    }
    y -= 14;
  }

  /** A block of lines in the right-hand column (the recipient's address); the first in bold. */
  void rightBlock(List<String> lines) {
    float width = RIGHT - RIGHT_COLUMN;
    boolean first = true;
    for (String text : lines) {
      for (String line : wrap(text, first ? bold : regular, BODY_SIZE, width)) {
        line(first ? bold : regular, BODY_SIZE, BLACK, RIGHT_COLUMN, line);
      }
      first = false;
    }
  }

  /** One line flush right (the place and date). */
  void flushRight(String text) {
    String shown = WinAnsiText.showable(text);
    line(regular, BODY_SIZE, BLACK, RIGHT - WinAnsiText.width(regular, BODY_SIZE, shown), shown);
  }

  /** "Objet : …": a bold label and its wrapped value. */
  void subject(String label, String text) {
    labelled(label, text, bold, bold, WinAnsiText.width(bold, BODY_SIZE, WinAnsiText.showable(label)) + 4);
  }

  /** A label in bold and its value in a column aligned with the other fields'. */
  void field(String label, String value) {
    labelled(label, value, bold, regular, FIELD_LABEL_WIDTH);
  }

  /** A field whose value is the point of the letter (the decision): in bold too. */
  void keyField(String label, String value) {
    labelled(label, value, bold, bold, FIELD_LABEL_WIDTH);
  }

  private void labelled(String label, String value, PDFont labelFont, PDFont valueFont, float labelWidth) {
    List<String> lines = wrap(value == null || value.isBlank() ? "—" : value, valueFont, BODY_SIZE, WIDTH - labelWidth);
    room(lineHeight(BODY_SIZE) * Math.min(lines.size(), 2));
    text(labelFont, BODY_SIZE, BLACK, LEFT, y - BODY_SIZE, WinAnsiText.showable(label));
    for (String line : lines) {
      line(valueFont, BODY_SIZE, BLACK, LEFT + labelWidth, line);
    }
  }

  /** A section title, kept on the same page as the first lines under it. */
  void heading(String text) {
    y -= 8;
    room(lineHeight(11) + 3 * lineHeight(BODY_SIZE));
    line(bold, 11, ACCENT, LEFT, text);
    y -= 2;
  }

  void paragraph(String text) {
    for (String line : wrap(text, regular, BODY_SIZE, WIDTH)) {
      line(regular, BODY_SIZE, BLACK, LEFT, line);
    }
    y -= 5;
  }

  /** A paragraph in italics (a note about the whole letter). */
  void note(String text) {
    for (String line : wrap(text, italic, BODY_SIZE, WIDTH)) {
      line(italic, BODY_SIZE, BLACK, LEFT, line);
    }
    y -= 5;
  }

  /** Items with a bullet, each wrapped under its own first word. */
  void bullets(List<String> items) {
    float indent = 5 * MM;
    for (String item : items) {
      List<String> lines = wrap(item, regular, BODY_SIZE, WIDTH - indent);
      room(lineHeight(BODY_SIZE) * Math.min(lines.size(), 2));
      text(regular, BODY_SIZE, ACCENT, LEFT + 1.5f * MM, y - BODY_SIZE, "•");
      for (String line : lines) {
        line(regular, BODY_SIZE, BLACK, LEFT + indent, line);
      }
      y -= 2;
    }
    y -= 3;
  }

  void space(float points) {
    y -= points;
  }

  /** The signature block in the right-hand column, kept whole, with room left above the signatory's title. */
  void signature(String closing, String signatory) {
    float signingSpace = 16 * MM;
    List<String> title = wrap(signatory, bold, BODY_SIZE, RIGHT - RIGHT_COLUMN);
    room(lineHeight(BODY_SIZE) * (2 + title.size()) + signingSpace);
    paragraph(closing);
    y -= signingSpace;
    for (String line : title) {
      line(bold, BODY_SIZE, BLACK, RIGHT_COLUMN, line);
    }
  }

  /** The finished document: footers on every page, metadata, bytes. */
  byte[] finish(String footer, String title, String author, Calendar created) {
    try {
      content.close();
      content = null;
      int pages = document.getNumberOfPages();
      for (int index = 0; index < pages; index++) {
        PDPage page = document.getPage(index);
        try (PDPageContentStream footerStream = new PDPageContentStream(document, page, AppendMode.APPEND, true, true)) {
          footerStream.setStrokingColor(GREY[0], GREY[1], GREY[2]);
          footerStream.setLineWidth(0.4f);
          footerStream.moveTo(LEFT, FOOTER_Y + SMALL_SIZE + 3);
          footerStream.lineTo(RIGHT, FOOTER_Y + SMALL_SIZE + 3);
          footerStream.stroke();
          String number = "Page " + (index + 1) + "/" + pages;
          String left = fitted(WinAnsiText.showable(footer), regular, SMALL_SIZE,
              WIDTH - WinAnsiText.width(regular, SMALL_SIZE, number) - 6 * MM);
          write(footerStream, regular, SMALL_SIZE, GREY, LEFT, FOOTER_Y, left);
          write(footerStream, regular, SMALL_SIZE, GREY, RIGHT - WinAnsiText.width(regular, SMALL_SIZE, number),
              FOOTER_Y, number);
        }
      }
      PDDocumentInformation information = document.getDocumentInformation();
      information.setTitle(WinAnsiText.showable(title));
      information.setAuthor(WinAnsiText.showable(author));
      information.setCreator("Sarcoma MDT referral workflow engine");
      information.setCreationDate(created);
      document.getDocumentCatalog().setLanguage("fr-FR");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      document.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the letter's PDF", e);
    }
  }

  static Calendar calendar(java.time.Instant instant) {
    GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    calendar.setTimeInMillis(instant.toEpochMilli());
    return calendar;
  }

  @Override
  public void close() {
    try {
      if (content != null) {
        content.close();
      }
      document.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Lines, pages and wrapping.

  private void line(PDFont font, float size, float[] colour, float x, String text) {
    room(lineHeight(size));
    text(font, size, colour, x, y - size, WinAnsiText.showable(text));
    y -= lineHeight(size);
  }

  private void text(PDFont font, float size, float[] colour, float x, float baseline, String showable) {
    try {
      write(content, font, size, colour, x, baseline, showable);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(PDPageContentStream stream, PDFont font, float size, float[] colour, float x,
      float baseline, String showable) throws IOException {
    stream.beginText();
    stream.setNonStrokingColor(colour[0], colour[1], colour[2]);
    stream.setFont(font, size);
    stream.newLineAtOffset(x, baseline);
    stream.showText(showable);
    stream.endText();
  }

  private void rule(float[] colour, float width) {
    try {
      content.setStrokingColor(colour[0], colour[1], colour[2]);
      content.setLineWidth(width);
      content.moveTo(LEFT, y);
      content.lineTo(RIGHT, y);
      content.stroke();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    y -= width;
  }

  private static float lineHeight(float size) {
    return size * LEADING;
  }

  /** A new page unless the next {@code height} points fit above the footer. */
  private void room(float height) {
    if (y - height < BOTTOM) {
      newPage();
    }
  }

  private void newPage() {
    try {
      if (content != null) {
        content.close();
      }
      PDPage page = new PDPage(A4);
      document.addPage(page);
      content = new PDPageContentStream(document, page);
      y = TOP;
      if (document.getNumberOfPages() > 1) {
        line(italic, SMALL_SIZE, GREY, LEFT, continuationHeader);
        y -= 10;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The text in lines no wider than {@code width}: line breaks kept, words kept whole unless one is
   * wider than a line by itself. Returns showable text.
   */
  static List<String> wrap(String text, PDFont font, float size, float width) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : (text == null ? "" : text).split("\\R", -1)) {
      StringBuilder current = new StringBuilder();
      for (String word : frenchSpacing(WinAnsiText.showable(paragraph)).trim().split(" +")) {
        if (word.isEmpty()) {
          continue;
        }
        String candidate = current.isEmpty() ? word : current + " " + word;
        if (WinAnsiText.width(font, size, candidate) <= width) {
          current.setLength(0);
          current.append(candidate);
          continue;
        }
        if (!current.isEmpty()) {
          lines.add(current.toString());
          current.setLength(0);
        }
        // A word wider than the line (a long identifier, a URL): cut it where the line ends.
        String rest = word;
        while (WinAnsiText.width(font, size, rest) > width) {
          int fits = 1;
          while (fits < rest.length() && WinAnsiText.width(font, size, rest.substring(0, fits + 1)) <= width) {
            fits++;
          }
          lines.add(rest.substring(0, fits));
          rest = rest.substring(fits);
        }
        current.append(rest);
      }
      lines.add(current.toString());
    }
    return lines;
  }

  /** French typography: no line break inside « … » or before : ; ! ? (the space there becomes a no-break one). */
  private static String frenchSpacing(String text) {
    return text.replaceAll("« +", "«\u00A0").replaceAll(" +([»:;!?])", "\u00A0$1");
  }

  private static String fitted(String text, PDFont font, float size, float width) {
    if (WinAnsiText.width(font, size, text) <= width) {
      return text;
    }
    String shortened = text;
    while (!shortened.isEmpty() && WinAnsiText.width(font, size, shortened + "…") > width) {
      shortened = shortened.substring(0, shortened.length() - 1);
    }
    return shortened + "…";
  }
}
