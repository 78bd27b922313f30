// A client asking a daemon for an API version it does not serve: the docker CLI or a library in a level's image against
// the daemon of that level, or, through a mounted socket, the host's (Docker 29.0-29.2 refused clients older than API
// 1.44; 29.3 lowered the default minimum to 1.40 again). The daemon says so itself, so each is a hint that names the
// pair, not an alarm.
import { beside, LineRule, TextRule } from './types';

export const apiVersionRules: LineRule[] = [
  // moby's version middleware: "client version %s is too old. Minimum supported API version is %s, please upgrade your
  // client to a newer version" (since 1.12) and "client version %s is too new. Maximum supported API version is %s"
  // (since 17.12).
  // A pasted JSON body often breaks the sentence after its first half ("client version 1.32 is too old." then the rest):
  // that half with a version number says it alone, as does a sentence a terminal wrapped inside "Minimum supported API".
  { id: 'api-version-mismatch', pattern: /\bclient version \S+ is too (?:new\. Maximum|old\. Minimum) supported API version is\b|\bclient version \d+\.\d+ is too (?:new|old)\.(?:\s+(?:Minimum|Maximum)(?: supported(?: API(?: version)?)?)?)?\s*$/i },
  // Docker 1.8-1.11's wording of the first: "client is too old, minimum supported API version is %s, please upgrade your
  // client to a newer version".
  { id: 'api-version-mismatch', pattern: /\bclient is too old, minimum supported API version is\b/i },
  // Swarm classic and UCP's proxy in front of the engines ("your client is too new (API version %s). The newest supported
  // API version is %s").
  { id: 'api-version-mismatch', pattern: /\bclient is too new \(API version [\d.]+\)\. The newest supported API version is\b/i },
  // Older daemons: "client is newer than server (client API version: %s, server API version: %s)", and before that
  // "client and server don't have same version (client : %s, server: %s)".
  { id: 'api-version-mismatch', pattern: /\bclient is newer than server \(client API version: |\bclient and server don't have same version \(client(?: API version)? ?: /i },
  // docker/cli refusing a command or flag the daemon's API predates ("%q requires API version %s, but the Docker daemon
  // API version is %s").
  { id: 'api-version-mismatch', pattern: /\brequires API version \S+, but the Docker daemon API version is\b/i },
  // Podman's bindings checking the service's version ("server API version is too old. Client %q server %q"): a remote
  // client (podman machine, a mounted Podman socket) newer than the service it reached.
  { id: 'api-version-mismatch', pattern: /\bserver API version is too old\. Client "[^"\n]+" server "/i },
  // A client still passing HostConfig when it starts a container (the API before 1.10), refused once it speaks 1.24:
  // "starting container with HostConfig was deprecated since v1.10 and removed in v1.12" (1.12), "… with non-empty
  // request body …" (1.13-17.06), "… deprecated since API v1.22 and removed in v1.24" (17.07+). An old docker-java,
  // Jenkins' plugin; pinning the API version it asks for is the fix.
  { id: 'api-version-mismatch', pattern: /\bstarting container with (?:HostConfig|non-empty request body) was deprecated since (?:API )?v1\.\d+ and removed in v1\.\d+/i },
  // The ECS agent's client factory finding no API version it can use ("docker client factory: client not found for docker
  // version: %s", after falling back to 1.24): it keeps a version only if a ping with it succeeds, so this is an engine
  // whose minimum API is newer than any the agent speaks (Docker 29's 1.44 or 1.40, above) or, as often, no daemon answering
  // at all; its "version detection check: failed to ping" lines say which.
  { id: 'api-version-mismatch', pattern: /\bdocker client factory: client not found for docker version: \d/i },
  {
    id: 'daemon-unreachable',
    pattern: /\bversion detection check: failed to ping with Docker version: [\d.]+: [^\n]{0,300}?(?:connect: no such file or directory|connection refused|Is the docker daemon running)/i,
    severity: 'info',
  },
  // The CLI's check of a flag or command the daemon serves only in experimental mode ("\"--%s\" is only supported on a
  // Docker daemon with experimental features enabled", 17.0x without "is"): --platform before the API made it standard
  // (1.40), or --squash, checkpoints and the like on a daemon with experimental mode off. A hint with its own advice.
  {
    id: 'api-version-mismatch',
    pattern: /\b(?:is )?only supported on a Docker daemon with experimental features enabled\b/i,
    severity: 'info',
    hint: 'The daemon runs without experimental features. Drop the flag, or set "experimental": true in the daemon\'s daemon.json and restart it; --platform needs no experimental mode on an engine with API 1.40 or later (Docker 19.03+), so upgrading the engine also works.',
  },
  // The CLI (18.06 to 22.x) building with BuildKit where the API it negotiated has no session ("buildkit not supported by
  // daemon"): below 1.39, an engine older than 18.09 without experimental mode, or DOCKER_API_VERSION pinned lower. A
  // hint with its own advice.
  {
    id: 'api-version-mismatch',
    pattern: /\bbuildkit not supported by daemon\b/i,
    severity: 'info',
    hint: 'The client speaks an API below 1.39 to this daemon (an engine older than 18.09 without experimental features, or DOCKER_API_VERSION pinned lower). Unset or raise DOCKER_API_VERSION, upgrade the level\'s engine, or build with DOCKER_BUILDKIT=0.',
  },
  // docker-py refusing the version a daemon reports (InvalidVersion: "API versions below {} are no longer supported by
  // this library."): an engine too old, or a compatible API (early Podman) that reports its own version.
  { id: 'api-version-mismatch', pattern: /\bInvalidVersion: API versions below \S+ are no longer supported by this library\b/, severity: 'warning' },
  // docker-py's versioned ping (GET /v<api>/_ping, where a program pings first) answered 400 Bad Request: a daemon older
  // than the API version the client pins refuses the path. Not plain HTTP to the TLS port 2376, which Go's TLS server
  // answers 400 too (the usual dind TLS mistake).
  { id: 'api-version-mismatch', pattern: /\b400 Client Error: Bad Request for url: (?!http:\/\/[^/\s]+:2376\/)\S+\/v1\.\d+\/_ping\b/i, severity: 'warning' },
];

// Testcontainers finding no engine it can use ("Could not find a valid Docker environment") in a paste whose `docker
// version` shows an API floor above 1.32 (Docker 29: "minimum version 1.44", 1.40 from 29.3): docker-java in Testcontainers
// before 1.21.4, and 2.0.0-2.0.1, asks for API 1.32, which that engine refuses, so every strategy fails although the daemon answers. A hint: a newer
// Testcontainers fails the same way for any other reason.
const TESTCONTAINERS_NO_ENVIRONMENT = /\bCould not find a valid Docker environment\b/;
const API_FLOOR_RAISED = /^\s*API version:\s+[\d.]+ \(minimum version 1\.(?:3[3-9]|[4-9]\d)\)/;

const TESTCONTAINERS_FLOOR = beside('api-version-mismatch', TESTCONTAINERS_NO_ENVIRONMENT, API_FLOOR_RAISED, 'info');
const TESTCONTAINERS_HINT =
  'Docker 29 refuses clients below its minimum API version (1.44 on 29.0-29.2, 1.40 from 29.3), and Testcontainers for Java before 1.21.4, and 2.0.0-2.0.1, ask for 1.32. Upgrade Testcontainers (1.21.4, or 2.0.2 and later), or put api.version=1.44 in ~/.docker-java.properties; or lower the daemon\'s floor with DOCKER_MIN_API_VERSION=1.24 in dockerd\'s environment.';

export const apiVersionTextRules: TextRule[] = [
  { id: 'api-version-mismatch', scan: (lines, messages) => TESTCONTAINERS_FLOOR.scan(lines, messages).map((h) => ({ ...h, hint: TESTCONTAINERS_HINT })) },
];
