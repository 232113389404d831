package fr.sarcoma.referral.platform;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The network's people as the identity store (Camunda's users) knows them: their names, and the title and
 * specialty an MDT record prints beside each name (M2, fiche RCP).
 *
 * <p>The title ("Dr", "Pr") and the specialty are the user's {@value #TITLE} and {@value #SPECIALTY} entries
 * in the store's user info ({@code ACT_ID_INFO}, {@link IdentityService#setUserInfo}); a user without a
 * specialty entry takes the one of their clinical group ({@link #SPECIALTY_BY_GROUP}: a member of {@code surgeons} is
 * a surgeon). The specialty codes are those of the MDT's checklist (mdt's {@code Specialty}).
 *
 * <p>Read as the system: staff names and specialties are not patient data, and the MDT chair choosing the
 * participants has no engine permission on users.
 */
@Component
public class NetworkMembers {

  /** The user-info key of a user's title. */
  public static final String TITLE = "title";

  /** The user-info key of a user's specialty code. */
  public static final String SPECIALTY = "specialty";

  /** A user as the MDT record names them; {@code title} and {@code specialty} may be null. */
  public record Member(
      String userId, String firstName, String lastName, String title, String specialty) {

    /** "Dr Sophie Lefèvre": title, first name, last name, whichever are known. */
    public String displayName() {
      String name =
          String.join(
                  " ",
                  Stream.of(title, firstName, lastName)
                      .filter(part -> part != null && !part.isBlank())
                      .map(String::strip)
                      .toList())
              .strip();
      return name.isEmpty() ? userId : name;
    }
  }

  /** The specialty of a clinical group's members, when their own user info names none. */
  static final Map<String, String> SPECIALTY_BY_GROUP =
      Map.of(
          "surgeons", "SURGEON",
          "radiologists", "RADIOLOGIST",
          "pathologists", "PATHOLOGIST",
          "oncologists", "MEDICAL_ONCOLOGIST");

  private final IdentityService identity;
  private final EngineAuthentication engine;

  NetworkMembers(IdentityService identity, EngineAuthentication engine) {
    this.identity = identity;
    this.engine = engine;
  }

  /** One user, if the store knows them. */
  public Optional<Member> member(String userId) {
    if (userId == null || userId.isBlank()) {
      return Optional.empty();
    }
    return engine.asSystem(
        () ->
            Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult())
                .map(this::member));
  }

  /** Every user with a clinical specialty (their own, or their group's), by last then first name. */
  public List<Member> clinicians() {
    return engine.asSystem(
        () ->
            identity.createUserQuery().list().stream()
                .map(this::member)
                .filter(member -> member.specialty() != null)
                .sorted(
                    Comparator.comparing(
                            (Member member) -> nullToEmpty(member.lastName()),
                            String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(
                            member -> nullToEmpty(member.firstName()),
                            String.CASE_INSENSITIVE_ORDER))
                .toList());
  }

  /** Records a user's title and specialty in the store (null or blank removes the entry). */
  public void describe(String userId, String title, String specialty) {
    engine.asSystem(
        () -> {
          put(userId, TITLE, title);
          put(userId, SPECIALTY, specialty);
          return null;
        });
  }

  private void put(String userId, String key, String value) {
    if (value == null || value.isBlank()) {
      identity.deleteUserInfo(userId, key);
    } else {
      identity.setUserInfo(userId, key, value.strip());
    }
  }

  private Member member(User user) {
    String specialty = blankToNull(identity.getUserInfo(user.getId(), SPECIALTY));
    if (specialty == null) {
      specialty =
          identity.createGroupQuery().groupMember(user.getId()).list().stream()
              .map(Group::getId)
              .sorted()
              .map(SPECIALTY_BY_GROUP::get)
              .filter(code -> code != null)
              .findFirst()
              .orElse(null);
    }
    return new Member(
        user.getId(),
        user.getFirstName(),
        user.getLastName(),
        blankToNull(identity.getUserInfo(user.getId(), TITLE)),
        specialty);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
