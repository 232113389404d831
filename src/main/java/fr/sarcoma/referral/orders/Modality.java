package fr.sarcoma.referral.orders;

/**
 * What an order asks for (PATHWAY.md "Order contents"). The names are the codes stored in {@code exam_order.modality},
 * routed on by the models ({@code modality} variable, Triage.dmn) and keyed in {@code exam-protocols.json}.
 */
public enum Modality {
  ULTRASOUND,
  XRAY,
  XRAY_AND_CT,
  MRI,
  CHEST_CT,
  FDG_PET,
  BONE_SCINTIGRAPHY,
  BIOPSY;

  /** The modality a model's {@code modality} variable names; an unknown code is a fault of the model. */
  public static Modality of(String code) {
    try {
      return valueOf(code);
    } catch (IllegalArgumentException | NullPointerException unknown) {
      throw new IllegalArgumentException("Not a modality: " + code, unknown);
    }
  }
}
