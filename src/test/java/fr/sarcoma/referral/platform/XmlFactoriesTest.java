package fr.sarcoma.referral.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class XmlFactoriesTest {

  private static final List<String> PROPERTIES =
      List.of(
          TransformerFactory.class.getName(),
          DocumentBuilderFactory.class.getName(),
          DatatypeFactory.class.getName());

  private final Map<String, String> saved = new HashMap<>();

  @BeforeEach
  void forgetThePins() {
    PROPERTIES.forEach(property -> saved.put(property, System.clearProperty(property)));
  }

  @AfterEach
  void restore() {
    saved.forEach(
        (property, value) -> {
          if (value == null) {
            System.clearProperty(property);
          } else {
            System.setProperty(property, value);
          }
        });
  }

  @Test
  void theFactoriesStayTheOnesTheClasspathLookupFinds() throws Exception {
    Class<?> transformer = TransformerFactory.newInstance().getClass();
    Class<?> documents = DocumentBuilderFactory.newInstance().getClass();
    Class<?> datatypes = DatatypeFactory.newInstance().getClass();

    XmlFactories.pin();

    assertThat(System.getProperty(TransformerFactory.class.getName()))
        .isEqualTo(transformer.getName());
    // Saxon, from HAPI FHIR's validator on the tests' classpath (the packaged service finds the
    // JDK's).
    assertThat(transformer.getName()).isEqualTo("net.sf.saxon.TransformerFactoryImpl");
    assertThat(TransformerFactory.newInstance()).isInstanceOf(transformer);
    assertThat(DocumentBuilderFactory.newInstance()).isInstanceOf(documents);
    assertThat(DatatypeFactory.newInstance()).isInstanceOf(datatypes);
  }

  @Test
  void aFactoryTheOperatorNamedIsLeftAsItIs() {
    String jdkTransformer = "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl";
    System.setProperty(TransformerFactory.class.getName(), jdkTransformer);

    XmlFactories.pin();

    assertThat(System.getProperty(TransformerFactory.class.getName())).isEqualTo(jdkTransformer);
    assertThat(TransformerFactory.newInstance().getClass().getName()).isEqualTo(jdkTransformer);
  }
}
