// A real OpenID provider (panva's oidc-provider) on loopback for Lex Heller's log-in tests. Nothing here calls out.
//
//   node server.mjs <config.json> [port]      (port 0 or absent: a free port; PORT in the environment also works)
//
// Prints one JSON line on stdout when listening: {"issuer":"http://127.0.0.1:PORT"}. Everything else goes to stderr.
//
// The configuration file: { "clients": [{ "client_id", "client_secret", "redirect_uris": [...],
//   "post_logout_redirect_uris": [...], "backchannel_logout_uri" }],
//   "users": [{ "sub", "email", "email_verified", "acr" }] }
//
// Logging in needs no form: the authorization request's login_hint names the user's sub or e-mail (without it, the
// first user logs in). The session's acr is the user's configured acr, or the first of the request's acr_values when given.
// Consent is granted at once for the requested scopes. PKCE (S256) is required for every client.
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import Provider from 'oidc-provider';

const configPath = process.argv[2];
if (!configPath) {
  console.error('usage: node server.mjs <config.json> [port]');
  process.exit(2);
}
const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
const users = new Map((config.users ?? []).map((u) => [u.sub, u]));
const port = Number(process.argv[3] ?? process.env.PORT ?? 0);

const clients = (config.clients ?? []).map((c) => ({
  client_id: c.client_id,
  client_secret: c.client_secret,
  redirect_uris: c.redirect_uris ?? [],
  post_logout_redirect_uris: c.post_logout_redirect_uris ?? [],
  ...(c.backchannel_logout_uri ? { backchannel_logout_uri: c.backchannel_logout_uri, backchannel_logout_session_required: true } : {}),
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: c.token_endpoint_auth_method ?? 'client_secret_post',
}));

const signingKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const acrValues = [...new Set((config.users ?? []).map((u) => u.acr).filter(Boolean).concat(config.acr_values ?? []))];

const server = http.createServer();
server.listen(port, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [{ ...signingKey, kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    acrValues,
    conformIdTokenClaims: false,
    // acr and auth_time come with the openid scope: every id token says how its user logged in, asked for or not.
    claims: { sid: null, iss: null, openid: ['sub', 'acr', 'auth_time'], email: ['email', 'email_verified'] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource: logoutForm },
      backchannelLogout: { enabled: true },
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    // The provider's own calls (back-channel log-out) go to the app under test on loopback, which oidc-provider's
    // guard against server-side request forgery refuses; this provider lives on loopback and calls nothing else.
    fetch: (url, options) => {
      const { dispatcher, ...rest } = options;
      return globalThis.fetch(url, rest);
    },
    async findAccount(ctx, sub) {
      const user = users.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims() {
          if (!user.email) return { sub };
          return { sub, email: user.email, email_verified: user.email_verified ?? true };
        },
      };
    },
  });

  const callback = provider.callback();
  server.on('request', async (req, res) => {
    const match = /^\/interaction\/([^/?]+)/.exec(req.url);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      const { prompt, params } = details;
      if (prompt.name === 'login') {
        const hint = params.login_hint;
        const sub = hint === undefined ? (config.users ?? [])[0]?.sub
          : users.has(hint) ? hint
          : (config.users ?? []).find((u) => u.email && u.email.toLowerCase() === String(hint).toLowerCase())?.sub ?? hint;
        const user = users.get(sub);
        if (!user) {
          return provider.interactionFinished(req, res, { error: 'access_denied', error_description: `no user ${sub}` });
        }
        const requested = typeof params.acr_values === 'string' ? params.acr_values.split(' ')[0] : undefined;
        return provider.interactionFinished(req, res,
          { login: { accountId: user.sub, acr: requested || user.acr, amr: ['pwd'] } }, { mergeWithLastSubmission: false });
      }
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
      if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
      if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
      if (prompt.details.missingResourceScopes) {
        for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes)) {
          grant.addResourceScope(indicator, scopes.join(' '));
        }
      }
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    } catch (err) {
      console.error(err);
      res.statusCode = 500;
      res.end(String(err));
    }
  });

  provider.on('server_error', (ctx, err) => console.error(err));
  provider.on('backchannel.error', (ctx, err, client) => console.error(`back-channel log-out to ${client.clientId} failed:`, err));
  process.stdout.write(JSON.stringify({ issuer }) + '\n');
});

// The end-session page confirms at once: the form posts itself, so a browser signs out without a click.
async function logoutForm(ctx, form) {
  ctx.body = `<!DOCTYPE html><html><body>${form}<script>document.forms[0].submit()</script></body></html>`;
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
// When the test host dies its end of stdin closes; go with it.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
