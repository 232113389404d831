package fr.sarcoma.referral.platform.seed;

import static org.assertj.core.api.Assertions.assertThat;

import fr.sarcoma.referral.platform.seed.DemoUserSeeder.UserSeed;
import fr.sarcoma.referral.platform.seed.GroupSeeder.GroupSeed;
import fr.sarcoma.referral.platform.seed.TaskFilterSeeder.TaskFilterSeed;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The seed files agree with each other, so a typo fails here and not at a hospital's start-up. */
class SeedFilesTest {

  private final Set<String> groups =
      SeedReader.readList(GroupSeeder.FILE, GroupSeed.class).stream()
          .map(GroupSeed::id)
          .collect(Collectors.toSet());

  @Test
  void filtersAreGrantedToKnownGroupsAndHaveDistinctNames() {
    List<TaskFilterSeed> filters = SeedReader.readList(TaskFilterSeeder.FILE, TaskFilterSeed.class);

    assertThat(filters).extracting(TaskFilterSeed::name).doesNotHaveDuplicates();
    assertThat(filters).flatExtracting(TaskFilterSeed::groups).allMatch(groups::contains);
  }

  @Test
  void demoUsersBelongToKnownGroupsAndStaffEveryGroup() {
    List<UserSeed> users = SeedReader.readList(DemoUserSeeder.FILE, UserSeed.class);

    assertThat(users).extracting(UserSeed::id).doesNotHaveDuplicates();
    assertThat(users).flatExtracting(UserSeed::groups).allMatch(groups::contains);
    assertThat(users.stream().flatMap(user -> user.groups().stream()).collect(Collectors.toSet()))
        .isEqualTo(groups);
  }
}
