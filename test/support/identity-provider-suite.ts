import { afterAll, beforeAll } from "vitest";
import { startIdentityProvider, type TestIdentityProvider } from "../idp/identity-provider.js";
import { testTls } from "./test-tls.js";

/** The provider for the tests of one file: started before them, stopped after. */
export function identityProviderForSuite(): { readonly idp: TestIdentityProvider } {
  let idp: TestIdentityProvider | undefined;
  beforeAll(async () => {
    idp = await startIdentityProvider(testTls());
  });
  afterAll(async () => {
    await idp?.stop();
  });
  return {
    get idp() {
      return idp!;
    },
  };
}

