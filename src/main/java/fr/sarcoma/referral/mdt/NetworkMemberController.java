package fr.sarcoma.referral.mdt;

import fr.sarcoma.referral.platform.NetworkMembers;
import fr.sarcoma.referral.platform.NetworkMembers.Member;
import fr.sarcoma.referral.platform.web.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The network's clinicians as the MDT record names them (fiche RCP, M2): each user's title and specialty, kept in
 * the identity store's user info. Administrators describe a user (Camunda's Admin has no field for them); the MDT
 * team and the coordination read the list (staff, not patients).
 */
@RestController
class NetworkMemberController {

  /** A user's title ("Dr", "Pr") and specialty code ({@link Specialty}); null or blank removes it. */
  record Profile(@Size(max = 20) String title, @OneOf(Specialty.class) String specialty) {}

  /** A member as listed: {@code name} with the title, as the fiche RCP prints it. */
  record MemberView(String userId, String name, String title, String specialty) {

    static MemberView of(Member member) {
      return new MemberView(
          member.userId(), member.displayName(), member.title(), member.specialty());
    }
  }

  private final NetworkMembers members;

  NetworkMemberController(NetworkMembers members) {
    this.members = members;
  }

  @GetMapping("/api/network/members")
  List<MemberView> clinicians() {
    return members.clinicians().stream().map(MemberView::of).toList();
  }

  /** 200 with the member as now described; unknown user → 404. */
  @PutMapping("/api/network/members/{userId}")
  MemberView describe(@PathVariable String userId, @Valid @RequestBody Profile profile) {
    members
        .member(userId)
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "Utilisateur inconnu de l'annuaire du réseau."));
    members.describe(
        userId,
        profile.title(),
        profile.specialty() == null || profile.specialty().isBlank() ? null : profile.specialty());
    return MemberView.of(members.member(userId).orElseThrow());
  }
}
