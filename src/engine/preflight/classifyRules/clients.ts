// What programs that drive a Docker daemon print, each in its own words, when it is not there or refuses them: CI and
// development tools, client libraries (Rust, Java), launchers of self-hosted stacks. Each rule quotes its program's
// format string; the last daemon-unreachable rule reads the shape they share, as a hint.
import { beside, LineRule, TextHit, TextRule } from './types';

// A runtime binding the socket into a container and refused (runc's "error mounting \"…/docker.sock\"", a Go mount
// error's "flags: 0x…"): that mount was refused by the kernel or an LSM, nobody connected to the socket.
export const SOCKET_BIND_REFUSED = /error mounting \\*"[^"\n]*\.sock\\*"|\bmount \S*\.sock\b[^\n]{0,200}flags: 0x/i;

export const clientRules: LineRule[] = [
  // spotify's docker-client on a unix socket (jnr-unixsocket) refused: "DockerException: … ProcessingException:
  // java.io.IOException: Permission denied" under its package name.
  { id: 'socket-permission', pattern: /com\.spotify\.docker\.client\.[^\n]*\bIOException: Permission denied\b/i, severity: 'warning' },
  // Eclipse Che's launcher probing the socket ("Running 'docker' succeeded, but 'docker ps' failed. The file %s does not
  // have appropriate permissions.", "This Linux user is not in 'docker' group.").
  { id: 'socket-permission', pattern: /The file \S*docker\S*\.sock does not have appropriate permissions|This Linux user is not in '?docker'? group/i },
  // Rust's hyper connector with the socket's EACCES ("error trying to connect: Permission denied (os error 13)", an
  // IoT Edge or bollard client): usually a unix socket the user may not open, but an HTTPS client that SELinux keeps
  // from connecting says the same: a hint.
  { id: 'socket-permission', pattern: /error trying to connect: Permission denied \(os error 13\)/i, severity: 'info' },
  // A script asking the daemon for its version and told "permission denied" (IOTstack's menu: "Error getting docker
  // version. Received permission denied error"): the first call a client makes, refused at the socket.
  { id: 'socket-permission', pattern: /\berror getting docker version\b[^\n]{0,40}\bpermission denied\b/i, severity: 'warning' },
  // The same connector finding no socket file (ENOENT: only a unix socket's connect says that; Vector's docker_logs,
  // bollard users), or refused (a TCP port too: a hint).
  { id: 'daemon-unreachable', pattern: /error trying to connect: No such file or directory \(os error 2\)/i, severity: 'warning' },
  { id: 'daemon-unreachable', pattern: /error trying to connect: Connection refused \(os error 111\)/i, severity: 'info' },
  // Tools that look for a daemon before they use it and say so in their own words: ddev ("Could not connect to a Docker
  // provider. Please start or install a Docker provider."), Porter's docker driver ("allow-docker-host-access was
  // specified but could not detect a local docker daemon running by checking for %s"), LocalStack ("Docker not available
  // in the LocalStack container but required to run Lambda functions"), Eclipse Che's launcher ("Mount 'docker.sock' for
  // accessing Docker with unix sockets.").
  { id: 'daemon-unreachable', pattern: /Could not connect to a Docker provider\. Please start or install a Docker provider/i },
  { id: 'daemon-unreachable', pattern: /could not detect a local docker daemon running by checking for \S+/i },
  { id: 'daemon-unreachable', pattern: /Docker not available in the LocalStack container but required/i, severity: 'warning' },
  { id: 'daemon-unreachable', pattern: /Mount 'docker\.sock' for accessing Docker with unix sockets/i, severity: 'warning' },
  // More tools in their own words: AMP ("Couldn't find docker - docker is required to run containerized instances"),
  // fabric8's docker-maven-plugin ("No <dockerHost> given, no DOCKER_HOST environment variable, no read/writable '%s' or
  // '%s' and no external provider like Docker machine configured"), bollard's error printed with Debug (`HyperLegacyError
  // { err: Error { kind: Connect, source: Some(Os { code: 2, kind: NotFound …`), and Apache HttpClient (docker-java,
  // spotify's docker-client) refused on the daemon's TCP port ("HttpHostConnectException: Connect to %s [%s] failed: %s").
  { id: 'daemon-unreachable', pattern: /Couldn't find docker - docker is required to run containerized instances/i, severity: 'warning' },
  { id: 'daemon-unreachable', pattern: /No <dockerHost> given, no DOCKER_HOST environment variable, no read\/writable/i },
  { id: 'daemon-unreachable', pattern: /HyperLegacyError \{ err: Error \{ kind: Connect, source: Some\(Os \{ code: (?:2|111|61), kind: (?:NotFound|ConnectionRefused)/ },
  { id: 'socket-permission', pattern: /HyperLegacyError \{ err: Error \{ kind: Connect, source: Some\(Os \{ code: 13, kind: PermissionDenied/ },
  // (Its message alone, as fabric8's plugin prints it: "Cannot create docker access object [Connect to localhost:2375
  // [localhost/127.0.0.1, …] failed: Connection refused: connect]".)
  { id: 'daemon-unreachable', pattern: /(?:HttpHostConnectException: |\[)Connect to \S+:237[56]\b[^\n]*failed: (?:Connection refused|Connection timed out|connect timed out)/i },
  // The same plugin given a daemon address whose host does not resolve (a DOCKER_HOST left as a placeholder): Java's
  // UnknownHostException ("Unknown host %s", "%s: No address associated with hostname", "Name or service not known").
  { id: 'daemon-unreachable', pattern: /Cannot create docker access object\b[^\n]*(?:Unknown host|UnknownHostException|No address associated with hostname|Name or service not known|nodename nor servname)/i, severity: 'warning' },
  // AWS SAM CLI's verdict when its Docker client's ping fails (samcli's DockerIsNotReachableException wording: "Running
  // AWS SAM projects locally requires Docker. Have you got it installed[ and running]?"): for a refused or missing
  // socket and a denied one alike, so a warning.
  { id: 'daemon-unreachable', pattern: /Running AWS SAM projects locally requires Docker\. Have you got it installed/i, severity: 'warning' },
  // docker-machine's provisioner polling the new machine's daemon port (libmachine/provision "Unable to verify the Docker
  // daemon is listening: %s"): the daemon it installed never answered on 2376.
  { id: 'daemon-unreachable', pattern: /Unable to verify the Docker daemon is listening: /i, severity: 'warning' },
  // Tools that drive Docker say in their own words that it is not there ("Docker is not running", "Docker not available",
  // "unable to connect to Docker", "could not detect a Docker daemon", "docker.sock not found"): each wording is one
  // program's, but the shape is common to them. Read as a hint only: the words name no cause, and a program may report
  // a Docker it can do without.
  {
    id: 'daemon-unreachable',
    pattern: new RegExp(
      [
        String.raw`\b(?:the )?docker(?: daemon| engine| desktop| service)?\b(?![-_/.:]| image| container| compose| build| hub| registry| login| pull| push| network| volume| context)[^\n.;]{0,30}?\b(?:is not running|isn't running|not running|is not available|not available|is unavailable|unavailable|is not reachable|not reachable|unreachable|could not be reached|is not started|not started|did not start|didn't start|failed to start|is down)\b`,
        String.raw`\b(?:cannot|can't|could ?not|couldn't|unable to|failed to|fails to|not able to) (?:connect|talk|communicate|reach|detect|locate|access)(?: to| with)? (?:the |a |your |any )?(?:local )?docker(?: daemon| engine| host| socket| desktop| api| environment| provider| server| instance)?\b`,
        String.raw`\bdocker(?:\.sock| socket)\b[^\n.;]{0,20}?\b(?:not found|is missing|missing|does not exist|doesn't exist|not present)\b`,
      ].join('|'),
      'i',
    ),
    severity: 'info',
  },
  // gitlab-ci-local waiting for a job's docker:dind service to answer on its port ("service image: %s healthcheck
  // failed"): the inner daemon never listened where the job looked (TLS on 2376, or no start); a hint, since the tool
  // probes ports a healthy TLS service never opens.
  { id: 'daemon-unreachable', pattern: /service image: \S*(?:docker|dind)\S* healthcheck failed/i, severity: 'info' },
  // A tool's failure that asks the user to make sure Docker is started ("Launch docker client failed. Please make sure
  // you have installed docker and started docker desktop/daemon."): a hint, in the program's own words.
  {
    id: 'daemon-unreachable',
    pattern: /\b(?:failed|error|unable|cannot|can't|could not)\b[^\n]{0,100}?\b(?:make sure|ensure)\b[^\n]{0,60}?\bdocker\b(?: (?:desktop|daemon|engine|service))?(?:\/daemon)?(?: (?:is|has been))? (?:running|started)\b|\b(?:failed|error|unable|cannot|can't|could not)\b[^\n]{0,100}?\b(?:make sure|ensure)\b[^\n]{0,60}?\b(?:started|start|run|running) (?:the )?docker(?: desktop| daemon| engine)?\b/i,
    severity: 'info',
  },
  // Clients from 17.x to 25 fell back to API 1.24 when the daemon did not answer their version ping, then refused a
  // command newer than that ("\"%s\" requires API version %s, but the Docker daemon API version is %s"): with 1.24
  // it is as often no daemon at all as a daemon that old (moby#47440).
  { id: 'daemon-unreachable', pattern: /requires API version [\d.]+, but the Docker daemon API version is 1\.24\b/i, severity: 'info' },
  // Unix-socket clients refused by the socket's mode, each in its own words: Netty's epoll transport (docker-java's
  // native strategy: "native connect() failed : Permission denied"), netcat/socat ("unix connect failed: Permission
  // denied"), and a setup script that could not hand the socket to its user ("Could not change owner for docker socket").
  { id: 'socket-permission', pattern: /\bnative connect\(\) failed ?: Permission denied\b/i, severity: 'warning' },
  { id: 'socket-permission', pattern: /\bunix connect failed: Permission denied\b/i, severity: 'warning' },
  { id: 'socket-permission', pattern: /\bCould not change owner for docker socket\b/i, severity: 'info' },
  // Node's net errors (dockerode and the GUIs built on it): "connect EACCES /var/run/docker.sock" (users retyping it
  // drop the E); an engine's socket only (MySQL's and PHP-FPM's are refused the same way).
  { id: 'socket-permission', pattern: /\bconnect E?ACCES \S*(?:docker|podman|containerd)\S*\.sock\b/i, severity: 'warning' },
  // Tools that check the socket before they use it, in their own words ("Docker socket is not readable by the %s user",
  // "docker.sock is not writable"): the user or group the socket allows is not theirs.
  { id: 'socket-permission', pattern: /\bdocker(?:\.sock| socket)\b[^\n.;]{0,30}?\b(?:is not|isn't|not) (?:readable|writable|writeable|accessible)\b/i, severity: 'warning' },
  // Any program's line naming the engine's socket and a refusal of it (EACCES in any wording): a hint where no
  // template above read it more closely.
  { id: 'socket-permission', pattern: /\b(?:docker|podman)\S{0,80}?\.sock\b[^\n]{0,120}?\b(?:permission denied|EACCES|access (?:is )?denied)|\b(?:permission denied|EACCES|access (?:is )?denied)\b[^\n]{0,120}?\/(?:docker|podman)\S{0,80}?\.sock\b/i, severity: (l) => (SOCKET_BIND_REFUSED.test(l) ? null : 'info') },
  // nerdctl as a user with no rootless containerd running ("rootless containerd not running? (hint: use
  // `containerd-rootless-setuptool.sh install` to start rootless containerd): %w").
  { id: 'daemon-unreachable', pattern: /rootless containerd not running\? \(hint:/i, severity: 'warning' },
  // A Home Assistant add-on that needs the socket, started while the Supervisor's protection mode keeps it out
  // (the add-ons' base image: "FATAL: PROTECTION MODE IS ENABLED!").
  { id: 'daemon-unreachable', pattern: /FATAL: PROTECTION MODE IS ENABLED!/, severity: 'warning' },
  // act's image probe with the daemon's error dropped (its first releases: "unable to determine if image already exists
  // for image %q"; later ones append ": %w", which the daemon rules read): the probe is the first call to the daemon.
  { id: 'daemon-unreachable', pattern: /unable to determine if image already exists for image ['"]?[^\s'"]+['"]?(?: \([\w/.-]*\))?\s*$/i, severity: 'info' },
  // Testcontainers for .NET 2.x resolving its endpoint in a static constructor (the first of the providers that found a
  // daemon): none found throws "Sequence contains no elements" out of "The type initializer for
  // 'DotNet.Testcontainers.Configurations.TestcontainersSettings' threw an exception".
  { id: 'daemon-unreachable', pattern: /type initializer for '?DotNet\.Testcontainers\.Configurations\.TestcontainersSettings'? threw an exception/i, severity: 'warning' },
  // Portainer started without the socket mounted (its flag check: "Unable to locate Unix socket or named pipe").
  { id: 'daemon-unreachable', pattern: /Unable to locate Unix socket or named pipe/i, severity: 'warning' },
  // .NET's socket exception naming the endpoint it could not reach (Testcontainers and Docker.DotNet: "ExtendedSocketException :
  // Cannot assign requested address (/var/run/docker.sock)", "… (/tcp://localhost:2375)"): no daemon at that address.
  { id: 'daemon-unreachable', pattern: /SocketException\b[^\n]{0,60}?: (?:Cannot assign requested address|Connection refused|No such file or directory) \(?(?:[^\s()]{0,200}\/(?:docker|podman)[^\s()]{0,100}\.sock|\/?tcp:\/\/[^\s()]{1,200}:237[56])\b/i, severity: 'warning' },
  // .NET Core 2's wording of the same refusal, the endpoint after it in brackets ("ExtendedSocketException: Connection
  // refused [::ffff:127.0.0.1]:2375"): no daemon on the Engine API's port.
  { id: 'daemon-unreachable', pattern: /SocketException\b[^\n]{0,60}?: Connection refused \[[^\]\s]{1,100}\]:237[56]\b/i, severity: 'warning' },
  // Apache HttpClient under docker-java or Spotify's client, dialling the socket ("I/O exception (java.io.IOException)
  // caught when processing request to {}->unix://localhost:80: Permission denied").
  { id: 'socket-permission', pattern: /processing request to \{\}->unix:\/\/localhost:\d+: Permission denied/i, severity: 'warning' },
  // The same client refused or finding no socket (JNA's errno: 2 ENOENT, 61 macOS's and 111 Linux's ECONNREFUSED), Spring
  // Boot's build-image among them ("… {}->docker://localhost:2376: com.sun.jna.LastErrorException: [61] Connection refused").
  // docker-java maps tcp:// to http(s)://, so a TCP daemon shows as its port ("{s}->https://localhost:2376").
  { id: 'daemon-unreachable', pattern: /processing request to \{s?\}->(?:(?:unix|docker|npipe):\/\/\S+|https?:\/\/\S+:237[56]): (?:com\.sun\.jna\.LastErrorException: \[(?:2|61|111)\] )?(?:Connection refused|No such file or directory)/i, severity: 'warning' },
  // Docker Desktop for Windows refusing a user outside its group ("You are not allowed to use Docker. You must be in the
  // \"docker-users\" group."): the engine's named pipe is that group's.
  { id: 'socket-permission', pattern: /You must be in the \W{0,4}docker-users\W{0,4} group/i },
  // The same refusal as the dialog's title ("Docker Desktop - Access Denied"), when the body is not quoted: a warning.
  { id: 'socket-permission', pattern: /^\s*Docker Desktop - Access Denied\s*$/i, severity: 'warning' },
  // KubeOne's pre-flight report of the container runtime ("docker is running: no"): no daemon on that node.
  { id: 'daemon-unreachable', pattern: /^\s*docker is running: no\s*$/i, severity: 'warning' },
  // testcontainers-rs and its clients' SocketNotFoundError(path): no socket file where the client looked.
  { id: 'daemon-unreachable', pattern: /\bSocketNotFoundError\(\s*"[^"\n]{1,300}\.sock"\s*\)/, severity: 'warning' },
  // A client that looked for the socket file itself before dialling (a GUI or script: "Socket not found: %s").
  // bollard's Display of the same ("Socket not found: %s") under a client's prefix ("failed to initialize a docker client: …").
  { id: 'daemon-unreachable', pattern: /(?:^|:\s)Socket not found: \S{0,300}\.sock\b/i, severity: 'warning' },
];

// The socket listed and there (`ls -l`: "srw-rw---- 1 root docker … docker.sock") beside "Cannot connect to the Docker
// daemon", typed at a user's `$` prompt: Docker ≤1.12 clients said that for EACCES too, so the socket's mode is the
// other reading.
const SOCKET_LISTED = /^s[rw-]{3}[rw-]{2}-{4}[.+]?\s+\d+\s+root\s+\S+\s.*\bdocker\.sock\s*$/;
const USER_PROMPT = /^\s*(?:\[[^\]\n]+\]|\S+@\S+:\S*)?\$ /;
const CANNOT_CONNECT = /Cannot connect to the Docker daemon/i;

// systemd unable to open the engine's API socket unit (docker.socket "Docker Socket for the API", podman.socket "Podman API
// Socket": "Failed to listen on %s.", 252+ "Failed to listen on docker.socket - Docker Socket for the API."): nothing
// answers at the socket path. Not where the unit refused because its service already runs ("Socket service %s already
// active, refusing."): the daemon is up and listening itself.
const SOCKET_UNIT_FAILED = /Failed to listen on (?:\S+\.socket - )?(?:Docker Socket for the API|Podman API Socket)\b/i;
const SERVICE_ALREADY_ACTIVE = /Socket service \S+ already active, refusing/i;

// Node's error object as printed or inspected over several lines ("code": "ENOENT", "syscall": "connect", "address":
// "/var/run/docker.sock"): the address line with its code a few lines around it.
const NODE_SOCKET_ADDRESS = /(?:^|[\s{,|])["']?address["']?\s*:\s*["'][^\s"']{0,200}(?:docker|podman)[^\s"']{0,100}\.sock["'],?\s*\}?\s*$/i;
const NODE_CONNECT = /(?:^|[\s{,|])["']?syscall["']?\s*:\s*["']connect["']/i;
const NODE_CODE = /(?:^|[\s{,|])["']?code["']?\s*:\s*["'](ENOENT|ECONNREFUSED|EACCES)["']/i;

/** Each address line with a connect's code a few lines around it; EACCES is the socket's mode, the others no daemon. */
function nodeSocketErrors(messages: readonly string[]): Map<'daemon-unreachable' | 'socket-permission', number> {
  const found = new Map<'daemon-unreachable' | 'socket-permission', number>();
  messages.forEach((m, index) => {
    if (!NODE_SOCKET_ADDRESS.test(m)) return;
    const near = messages.slice(Math.max(0, index - 6), index + 7);
    const code = near.map((l) => NODE_CODE.exec(l)?.[1]).find(Boolean);
    if (!code || !near.some((l) => NODE_CONNECT.test(l))) return;
    const id = code.toUpperCase() === 'EACCES' ? 'socket-permission' : 'daemon-unreachable';
    if (!found.has(id)) found.set(id, index);
  });
  return found;
}

function nodeSocketRule(id: 'daemon-unreachable' | 'socket-permission'): TextRule {
  return {
    id,
    scan(_lines, messages) {
      const index = nodeSocketErrors(messages).get(id);
      return index === undefined ? [] : [{ index, severity: 'warning' }];
    },
  };
}

// The socket listed with a bare number for its owner or group: ids that have no name where it was listed (a container
// or VM beside the daemon's host, whose groups differ), the usual reason a user in the "docker" group is refused: a hint.
const SOCKET_NUMERIC_OWNER = /^s[rw-]{9}[.+]?\s+\d+\s+(?:\d+\s+\S+|\S+\s+\d+)\s[^\n]{0,200}?\bdocker\.sock\s*$/;

// Testcontainers' own unix-socket client (its shaded ipcsocket UnixDomainSocket) failing with JNA's errno, whatever the
// locale says after it ("com.sun.jna.LastErrorException: [2] Datei oder Verzeichnis nicht gefunden"): 2 (ENOENT) no
// socket, 111 or 61 (ECONNREFUSED) nothing listening behind it, 13 (EACCES) the socket's mode. docker-java's own
// zerodep transport (com.github.dockerjava.transport.LinuxDomainSocket) calls connect(2) through JNA the same way.
// (sbt's and Bloop's thin clients use the same library unshaded, for their own servers' sockets.)
const JNA_SOCKET = /\btestcontainers\.shaded\.org\.scalasbt\.ipcsocket\.UnixDomainSocket\b|\bcom\.github\.dockerjava\.transport\.(?:Linux|Mac)?DomainSocket\b/;
const JNA_NO_DAEMON = /\bLastErrorException: \[(?:2|61|111)\]/;
const JNA_DENIED = /\bLastErrorException: \[13\]/;

// Apache HttpClient's retry of a request over the socket ("Retrying request to {}->unix://localhost:80", RetryExec): the
// first one failed. Where its reason is shown ("I/O exception (%s) caught when processing request to %s: %s") only a
// socket missing or refused counts: a pooled connection gone stale (Broken pipe, NoHttpResponseException) is retried on
// healthy daemons too. A hint: a socket refused to the user reads the same.
const HTTPCLIENT_RETRY = /\bRetrying request to \{\}->unix:\/\/localhost:\d+/i;
const HTTPCLIENT_CAUGHT = /\bcaught when processing request to \{\}->unix:\/\/localhost:\d+: (.*)$/i;
const HTTPCLIENT_STALE = /\bNoHttpResponseException\b/;
function socketRequestRetried(lines: readonly string[]): TextHit[] {
  const index = lines.findIndex((l) => HTTPCLIENT_RETRY.test(l));
  if (index < 0 || lines.some((l) => HTTPCLIENT_STALE.test(l))) return [];
  const reasons = lines.map((l) => HTTPCLIENT_CAUGHT.exec(l)?.[1]).filter((r): r is string => r !== undefined);
  return reasons.every((r) => /No such file or directory|Connection refused/i.test(r)) ? [{ index, severity: 'info' }] : [];
}

// Micronaut's Maven/Gradle plugin building its DockerService from docker-java's config with no daemon endpoint found (a
// NullPointerException "Host name" out of DockerService's constructor, the frame below it): nothing to reach where the
// build runs. A hint; other Java clients throw the same for their own hosts.
const NPE_HOST_NAME = /\bNullPointerException: Host name\s*$/;
const DOCKER_SERVICE_FRAME = /\bat (?:\S*\.)?DockerService\.<init>|\bdockerjava\b/;
function dockerServiceWithoutHost(lines: readonly string[]): TextHit[] {
  const index = lines.findIndex((l) => NPE_HOST_NAME.test(l));
  return index >= 0 && lines.slice(index + 1, index + 6).some((l) => DOCKER_SERVICE_FRAME.test(l)) ? [{ index, severity: 'info' }] : [];
}

// A TLS handshake answered in plain HTTP (OpenSSL's "wrong version number", Python's WRONG_VERSION_NUMBER) by the Engine
// API's TLS port: the daemon listens there without --tlsverify (or the client speaks TLS to a plain port). Only where a
// client call to that port comes shortly before (a traceback's length), not a CI job's DOCKER_HOST beside another
// tool's TLS error, and only on a line that names no other URL.
const TLS_ANSWERED_PLAIN = /\bwrong version number\b/i;
const ENGINE_TLS_PORT = /\b(?:tcp|https?):\/\/[^\s'"/]+:2376\b|\bport=2376\b/i;
const DOCKER_HOST_SETTING = /^\s*(?:export\s+)?(?:-\s*)?DOCKER_HOST\s*[=:]/;
const OTHER_URL = /https?:\/\/(?![^\s'"/]+:2376\b)[^\s'"]+/i;
const TLS_CALL_WINDOW = 15;
const TLS_PORT_HINT = 'The client spoke TLS and the daemon answered in plain HTTP: the daemon listens on port 2376 without TLS. Start it with --tlsverify and its CA, certificate and key ("tlsverify": true with tlscacert, tlscert and tlskey in daemon.json; docker:dind does this itself when DOCKER_TLS_CERTDIR is set), or point the client at the plain port without TLS only on a trusted loopback.';

function tlsPortAnsweredPlain(lines: readonly string[]): TextHit[] {
  const index = lines.findIndex(
    (l, n) =>
      TLS_ANSWERED_PLAIN.test(l) &&
      !OTHER_URL.test(l) &&
      lines.slice(Math.max(0, n - TLS_CALL_WINDOW), n + 1).some((m) => ENGINE_TLS_PORT.test(m) && !DOCKER_HOST_SETTING.test(m)),
  );
  return index >= 0 ? [{ index, severity: 'warning', hint: TLS_PORT_HINT }] : [];
}

export const clientTextRules: TextRule[] = [
  { id: 'daemon-unreachable', scan: (lines) => tlsPortAnsweredPlain(lines) },
  { id: 'daemon-unreachable', scan: (lines) => socketRequestRetried(lines) },
  { id: 'daemon-unreachable', scan: (lines) => dockerServiceWithoutHost(lines) },
  beside('daemon-unreachable', JNA_NO_DAEMON, JNA_SOCKET, 'warning'),
  beside('socket-permission', JNA_DENIED, JNA_SOCKET, 'warning'),
  {
    id: 'socket-permission',
    scan(lines) {
      const i = lines.findIndex((l) => SOCKET_NUMERIC_OWNER.test(l));
      return i < 0 ? [] : [{ index: i, severity: 'info' }];
    },
  },
  {
    id: 'socket-permission',
    scan(lines) {
      const i = lines.findIndex((l) => SOCKET_LISTED.test(l));
      if (i < 0 || !lines.some((l) => USER_PROMPT.test(l)) || !lines.some((l) => CANNOT_CONNECT.test(l))) return [];
      return [{ index: i, severity: 'info' }];
    },
  },
  nodeSocketRule('daemon-unreachable'),
  nodeSocketRule('socket-permission'),
  {
    id: 'daemon-unreachable',
    scan(_lines, messages) {
      const index = messages.findIndex((m) => SOCKET_UNIT_FAILED.test(m));
      return index < 0 || messages.some((m) => SERVICE_ALREADY_ACTIVE.test(m)) ? [] : [{ index, severity: 'warning' }];
    },
  },
];
