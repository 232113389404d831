package fr.sarcoma.referral.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plain HTTP against the running application, as an integrator or a browser would call it: no
 * Spring test client in between that could hide a redirect, a cookie or a 401 challenge.
 */
public final class HttpCalls {

  public record Response(int status, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
      }
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient client;
  private String basicAuth;

  private HttpCalls(String baseUrl, HttpClient client) {
    this.baseUrl = baseUrl;
    this.client = client;
  }

  /** Stateless calls, HTTP Basic when {@link #as} names a user. */
  public static HttpCalls to(int port) {
    return new HttpCalls("http://localhost:" + port, HttpClient.newHttpClient());
  }

  /** A browser-like session that keeps cookies (for the Camunda webapps). */
  public static HttpCalls browser(int port) {
    return new HttpCalls(
        "http://localhost:" + port,
        HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
  }

  public HttpCalls as(String user, String password) {
    HttpCalls authenticated = new HttpCalls(baseUrl, client);
    authenticated.basicAuth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return authenticated;
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response get(String path, String accept) {
    return send(request(path).setHeader("Accept", accept).GET());
  }

  public Response getWithHeaders(String path, Map<String, String> headers) {
    HttpRequest.Builder builder = request(path);
    headers.forEach(builder::header);
    return send(builder.GET());
  }

  public Response postJson(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response postJson(String path, String json, Map<String, String> headers) {
    HttpRequest.Builder builder = request(path).header("Content-Type", "application/json");
    headers.forEach(builder::header);
    return send(builder.POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A JSON POST asking for another representation (Tasklist asks the filter list for application/hal+json). */
  public Response postJsonAccepting(String path, String json, String accept) {
    return send(
        request(path)
            .setHeader("Accept", accept)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response putJson(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response postFhir(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/fhir+json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response postForm(String path, Map<String, String> fields, Map<String, String> headers) {
    String body =
        fields.entrySet().stream()
            .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder builder =
        request(path).header("Content-Type", "application/x-www-form-urlencoded");
    headers.forEach(builder::header);
    return send(builder.POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A multipart/form-data POST with one file part, as the REST API's deployment endpoint expects. */
  public Response postFile(String path, String fileName, String content) {
    String boundary = "----sarcoma" + System.nanoTime();
    String body =
        "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\ntest\r\n"
            + "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"data\"; filename=\""
            + fileName
            + "\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + content
            + "\r\n"
            + "--"
            + boundary
            + "--\r\n";
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json");
    if (basicAuth != null) {
      builder.header("Authorization", basicAuth);
    }
    return builder;
  }

  private Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
