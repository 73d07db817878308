export const defaultAdminTrainingRunFields = [
  "id",
  "status",
  "trigger",
  "job_id",
  "attempt",
  "progress",
  "stage",
  "started_at",
  "finished_at",
  "timings",
  "counts",
  "evaluation",
  "error",
  "model_version_id",
  "created_at",
  "updated_at",
]

export const retrieveTrainingRunQueryConfig = {
  defaults: defaultAdminTrainingRunFields,
  isList: false,
}

export const listTrainingRunQueryConfig = {
  ...retrieveTrainingRunQueryConfig,
  defaultLimit: 20,
  isList: true,
}
