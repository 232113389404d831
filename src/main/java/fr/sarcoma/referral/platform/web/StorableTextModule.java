package fr.sarcoma.referral.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * Registered in Spring's ObjectMapper (the one our controllers read JSON with; Camunda's REST API and Spin
 * have their own): every string read from a request body must be {@link StorableText storable}. The refusal
 * is a Jackson mapping error, so it carries the path of the field and becomes a 400 naming it.
 */
@Component
class StorableTextModule extends SimpleModule {

  StorableTextModule() {
    super("storable-text");
    addDeserializer(String.class, new StorableStringDeserializer());
  }

  /** A string that would be refused by the database, or is not Unicode. */
  static class UnstorableTextException extends InvalidFormatException {

    UnstorableTextException(JsonParser parser) {
      // The value stays out of the message: it may be a megabyte long, or clinical text.
      super(parser, "Unstorable text (NUL character or lone surrogate)", null, String.class);
    }
  }

  private static class StorableStringDeserializer extends StdScalarDeserializer<String> {

    StorableStringDeserializer() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String value = StringDeserializer.instance.deserialize(parser, context);
      if (!StorableText.isStorable(value)) {
        throw new UnstorableTextException(parser);
      }
      return value;
    }
  }
}
