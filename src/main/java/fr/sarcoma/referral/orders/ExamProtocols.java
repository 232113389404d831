package fr.sarcoma.referral.orders;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The technical content each order carries (PATHWAY.md "Order contents", guideline §3), in French
 * for the performing department; reference data in {@code seeds/reference/exam-protocols.json}.
 */
@Component
class ExamProtocols {

  static final String FILE = "seeds/reference/exam-protocols.json";

  private final Map<String, String> protocols;

  ExamProtocols(ObjectMapper mapper) {
    try (InputStream in = new ClassPathResource(FILE).getInputStream()) {
      this.protocols =
          Map.copyOf(mapper.readValue(in, new TypeReference<Map<String, String>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + FILE, e);
    }
  }

  String protocolFor(String modality) {
    return protocolFor(modality, null);
  }

  /** A variant of a modality's protocol (U1: {@code MRI} / {@code OPERATIVE_BED} → {@code MRI_OPERATIVE_BED}). */
  String protocolFor(String modality, String variant) {
    String key = variant == null || variant.isBlank() ? modality : modality + "_" + variant;
    String protocol = protocols.get(key);
    if (protocol == null) {
      throw new IllegalArgumentException("No protocol '" + key + "' in " + FILE);
    }
    return protocol;
  }
}
