package fr.sarcoma.referral.platform;

import java.util.function.Supplier;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import org.springframework.stereotype.Component;

/**
 * Pins the JAXP factories this application uses to the implementations the JDK's lookup finds, once, at start-up.
 * Without a system property naming it, every {@code TransformerFactory.newInstance()} (and its siblings) looks for a
 * provider with a {@code ServiceLoader} over the whole classpath (300 jars): each letter's PDF/A metadata (XMPBox's
 * serializer, through openhtmltopdf) did it twice, and each engine timer's duration (Camunda's {@code DurationHelper})
 * once. That scan was 7 % of our JVM's CPU in the pathway benchmark (issue 16, docs/benchmark-pathway.md). Naming
 * the class the scan found (in the packaged service the JDK's own factories, since Saxon is left out of the jar;
 * Saxon's transformer on the tests' classpath, which has HAPI's validator) changes no implementation, only skips the
 * scan; a property already set (by the operator, on the command line) is left as it is.
 */
@Component
class XmlFactories {

  XmlFactories() {
    pin();
  }

  static void pin() {
    pin(TransformerFactory.class.getName(), TransformerFactory::newInstance);
    pin(DocumentBuilderFactory.class.getName(), DocumentBuilderFactory::newInstance);
    pin(
        DatatypeFactory.class.getName(),
        () -> {
          try {
            return DatatypeFactory.newInstance();
          } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static void pin(String property, Supplier<Object> lookup) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, lookup.get().getClass().getName());
    }
  }
}
