package fr.sarcoma.referral.letter;

import fr.sarcoma.referral.platform.EngineAuthentication;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The coordinators' Tasklist task for a letter a person must handle: printed and posted (no relay, no secure
 * e-mail), or not delivered (refused by the relay, or every attempt failed). A standalone task (no process:
 * nothing follows it in the pathway), one per letter and recipient (its id is the delivery's), for the
 * coordinators' group. Its title names the referral number, never the patient; the PDF is linked.
 */
@Component
class LetterDeliveryTasks {

  static final String COORDINATORS = "coordinators";
  static final String TO_PRINT = "Courrier à imprimer et envoyer";
  static final String REFUSED = "Courrier non remis : refusé par la messagerie sécurisée";
  static final String FAILED = "Courrier non remis : messagerie sécurisée injoignable";

  private final TaskService tasks;
  private final EngineAuthentication engine;

  LetterDeliveryTasks(TaskService tasks, EngineAuthentication engine) {
    this.tasks = tasks;
    this.engine = engine;
  }

  /** The task for this delivery, once (a second call finds it); its id. */
  String open(
      UUID deliveryId,
      UUID letterId,
      String businessKey,
      String recipientRole,
      String recipient,
      DeliveryStatus status,
      String reason) {
    // Written by the application, whoever's request wrote the letter: a clinician may not create
    // tasks; and the check that it exists must see it whoever the caller.
    return engine.asSystem(
        () -> {
          String id = taskId(deliveryId);
          if (tasks.createTaskQuery().taskId(id).count() == 0) {
            Task task = tasks.newTask(id);
            task.setName(name(status, businessKey));
            task.setDescription(description(letterId, recipientRole, recipient, reason));
            tasks.saveTask(task);
            tasks.addCandidateGroup(id, COORDINATORS);
          }
          return id;
        });
  }

  private static final String TASK_ID_PREFIX = "letter-delivery-";

  static String taskId(UUID deliveryId) {
    return TASK_ID_PREFIX + deliveryId;
  }

  /** The delivery a task is for, if it is one of these tasks. */
  static Optional<UUID> deliveryOf(String taskId) {
    if (taskId == null || !taskId.startsWith(TASK_ID_PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(taskId.substring(TASK_ID_PREFIX.length())));
    } catch (IllegalArgumentException notOurs) {
      return Optional.empty();
    }
  }

  /** The task's title: what happened and the referral's number, never the patient. */
  static String name(DeliveryStatus status, String businessKey) {
    return title(status) + " — " + businessKey;
  }

  private static String title(DeliveryStatus status) {
    return switch (status) {
      case REFUSED -> REFUSED;
      case FAILED -> FAILED;
      default -> TO_PRINT;
    };
  }

  private static String description(
      UUID letterId, String recipientRole, String recipient, String reason) {
    String to =
        LetterService.GENERAL_PRACTITIONER.equals(recipientRole)
            ? "médecin traitant"
            : "médecin adresseur";
    return "Destinataire : "
        + recipient
        + " ("
        + to
        + ").\nCourrier : "
        + LetterService.downloadUrl(letterId)
        + (reason == null ? "" : "\nRéponse de la messagerie : " + reason);
  }
}
