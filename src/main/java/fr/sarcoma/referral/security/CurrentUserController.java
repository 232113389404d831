package fr.sarcoma.referral.security;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the API sees: lets an integrator check credentials and group membership in one call. */
@RestController
class CurrentUserController {

  record CurrentUser(String userId, List<String> groups) {}

  @GetMapping("/api/me")
  CurrentUser me(Authentication authentication) {
    return new CurrentUser(
        authentication.getName(),
        authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .sorted()
            .toList());
  }
}
