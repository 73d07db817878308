export const defaultAdminTuneRunFields = [
  "id",
  "status",
  "job_id",
  "attempt",
  "progress",
  "stage",
  "started_at",
  "finished_at",
  "result",
  "error",
  "accepted_at",
  "created_at",
  "updated_at",
]

export const retrieveTuneRunQueryConfig = {
  defaults: defaultAdminTuneRunFields,
  isList: false,
}
