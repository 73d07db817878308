import { ContainerRegistrationKeys, generateJwtToken, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

/**
 * An admin user and a bearer token for it, made the way Medusa's own integration tests do: a
 * user (user module), an auth identity pointing at it (auth module, app_metadata.user_id), and a
 * JWT signed with the store's jwtSecret.
 */
export async function createAdminUser(container: MedusaContainer, email = "admin@example.com") {
  const user = await container.resolve(Modules.USER).createUsers({ email, first_name: "Admin", last_name: "User" })
  const authIdentity = await container.resolve(Modules.AUTH).createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email }],
    app_metadata: { user_id: user.id },
  })
  const { http } = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE).projectConfig
  const token = generateJwtToken(
    { actor_id: user.id, actor_type: "user", auth_identity_id: authIdentity.id, app_metadata: { user_id: user.id } },
    { secret: http.jwtSecret, expiresIn: "1d" }
  )
  return { user, headers: { authorization: `Bearer ${token}` } }
}
