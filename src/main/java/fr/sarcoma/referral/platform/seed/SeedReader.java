package fr.sarcoma.referral.platform.seed;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.core.io.ClassPathResource;

/** Reads a JSON array from {@code seeds/} (packaged on the classpath), failing on unknown fields so typos surface. */
final class SeedReader {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private SeedReader() {}

  static <T> List<T> readList(String path, Class<T> type) {
    ClassPathResource resource = new ClassPathResource("seeds/" + path);
    try (InputStream in = resource.getInputStream()) {
      return MAPPER.readValue(
          in, MAPPER.getTypeFactory().constructCollectionType(List.class, type));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read seed file seeds/" + path + ": " + e.getMessage(), e);
    }
  }
}
