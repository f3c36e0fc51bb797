/**
 * The model a template was made with: a descriptor from another model (or another version of
 * Human's faceres) is not comparable, so such a template is treated as absent and the user enrolls
 * again. Changes with the pinned models in scripts/face-models.ts.
 */
export const faceTemplateModelId = 'human-3.3.6/faceres-1024';
