package fr.sarcoma.referral.letter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;

/**
 * Text as the standard Helvetica fonts can show it. They are not embedded and use WinAnsiEncoding
 * (Windows-1252): French accents, « », ’, œ, €, — and … are there, but not every character a
 * clinician may type or paste (narrow no-break spaces, arrows, ≥, Greek letters, emoji…). Such a
 * character is replaced by its nearest WinAnsi spelling (a space, "->", ">=", the letter without
 * its accent), else by "?": a letter is never refused because of one character.
 */
final class WinAnsiText {

  private static final PDFont PROBE = new PDType1Font(FontName.HELVETICA);

  static final Map<Integer, String> REPLACEMENTS = Map.ofEntries(
      // No-break spaces (French typography puts narrow ones before « : ; ! ? »): WinAnsi's no-break space.
      Map.entry(0x202F, "\u00A0"), Map.entry(0x2007, "\u00A0"), Map.entry(0x2060, ""),
      Map.entry(0x2009, " "), Map.entry(0x200A, " "), Map.entry(0x2002, " "), Map.entry(0x2003, " "),
      Map.entry(0x2008, " "),
      Map.entry(0x200B, ""), Map.entry(0x200C, ""), Map.entry(0x200D, ""), Map.entry(0xFEFF, ""), Map.entry(0x00AD, ""),
      Map.entry(0x2010, "-"), Map.entry(0x2011, "-"), Map.entry(0x2012, "-"), Map.entry(0x2212, "-"),
      Map.entry(0x2015, "—"), Map.entry(0x2032, "'"), Map.entry(0x2033, "\""),
      Map.entry(0x2192, "->"), Map.entry(0x2190, "<-"), Map.entry(0x21D2, "=>"), Map.entry(0x2194, "<->"),
      Map.entry(0x2264, "<="), Map.entry(0x2265, ">="), Map.entry(0x2260, "!="), Map.entry(0x2248, "~"),
      Map.entry(0x2022, "•"), Map.entry(0x25CF, "•"), Map.entry(0x25AA, "•"), Map.entry(0x2023, "•"),
      Map.entry(0x03BC, "µ"), Map.entry(0x03B1, "alpha"),
      Map.entry(0x03B2, "bêta"), Map.entry(0x03B3, "gamma"), Map.entry(0x0394, "delta"), Map.entry(0x2126, "ohm"),
      Map.entry(0x2103, "°C"), Map.entry(0x2116, "n°"), Map.entry(0xFB00, "ff"), Map.entry(0xFB01, "fi"),
      Map.entry(0xFB02, "fl"), Map.entry(0xFB03, "ffi"), Map.entry(0xFB04, "ffl"), Map.entry(0x2153, "1/3"),
      Map.entry(0x2154, "2/3"), Map.entry(0x215B, "1/8"),
      // Letters that do not decompose into a base letter and an accent.
      Map.entry(0x0141, "L"), Map.entry(0x0142, "l"), Map.entry(0x0110, "D"), Map.entry(0x0111, "d"),
      Map.entry(0x0131, "i"), Map.entry(0x0126, "H"), Map.entry(0x0127, "h"));

  /** Whether each code point can be shown, learnt once (the fonts and their encoding never change). */
  private static final Map<Integer, Boolean> SHOWABLE = new ConcurrentHashMap<>();

  private WinAnsiText() {
  }

  /** The text on one line: tabs and line breaks become spaces, other control characters go. */
  static String showable(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder shown = new StringBuilder(text.length());
    text.codePoints().forEach(codePoint -> shown.append(showable(codePoint)));
    return shown.toString();
  }

  private static String showable(int codePoint) {
    if (codePoint == '\t' || codePoint == '\n' || codePoint == '\r' || codePoint == 0x2028 || codePoint == 0x2029) {
      return " ";
    }
    if (Character.isISOControl(codePoint)) {
      return "";
    }
    if (canShow(codePoint)) {
      return Character.toString(codePoint);
    }
    String replacement = REPLACEMENTS.get(codePoint);
    if (replacement != null) {
      return replacement;
    }
    if (Character.getType(codePoint) == Character.SPACE_SEPARATOR) {
      return " ";
    }
    // A letter with a diacritic the encoding lacks (ā, ł, ș…): the base letter, if that one is there.
    String decomposed = Normalizer.normalize(Character.toString(codePoint), Normalizer.Form.NFKD)
        .replaceAll("\\p{M}", "");
    if (!decomposed.isEmpty() && decomposed.codePoints().allMatch(WinAnsiText::canShow)) {
      return decomposed;
    }
    return "?";
  }

  private static boolean canShow(int codePoint) {
    return SHOWABLE.computeIfAbsent(codePoint, WinAnsiText::encodes);
  }

  private static boolean encodes(int codePoint) {
    // The probe font caches glyph look-ups in plain maps: one look-up at a time.
    synchronized (PROBE) {
      return encodedByProbe(codePoint);
    }
  }

  private static boolean encodedByProbe(int codePoint) {
    try {
      PROBE.encode(Character.toString(codePoint));
      return true;
    } catch (IllegalArgumentException notInTheFont) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The width of already showable text, in points. */
  static float width(PDFont font, float size, String showableText) {
    try {
      return font.getStringWidth(showableText) / 1000f * size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
