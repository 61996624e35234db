/** Secret values the tests hand to the service; the final leak scan looks for each of them everywhere. */
export const TEST_SECRETS = {
  keyVaultPassword: "Sup3r-Secret-Pa55word!",
  keyVaultUsername: "orders_app_user_secret",
  dbPassword: "NeverShowMe-db-password",
  sessionSecret: "test-session-secret-never-logged-0123456789abcdef",
} as const;
