// Grades a running service the way the MDN HTTP Observatory grades a site, with its own
// retriever, tests and grader. Its CLI scans only ports 80 and 443 at "/", where an API answers
// 404, so they are called directly here with a port and a path.
//
//   NODE_EXTRA_CA_CERTS=<the service's certificate> node scan.mjs <host name> <https port> <path>
//
// Every host name resolves to 127.0.0.1 in this process: the service sees a real host name (it
// sends no HSTS to loopback names), and nothing leaves the machine. No plain HTTP port is
// offered, as behind a TLS-only load balancer: the API refuses plain HTTP rather than redirect
// it. Prints the grade, the score and each test's result as JSON.
import dns from "node:dns";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [hostname, httpsPort, requestPath] = process.argv.slice(2);
if (!hostname || !httpsPort || !requestPath) {
  console.error("usage: node scan.mjs <host name> <https port> <path>");
  process.exit(2);
}

dns.lookup = (name, options, callback) => {
  const done = typeof options === "function" ? options : callback;
  const all = typeof options === "object" && options?.all;
  process.nextTick(() => (all ? done(null, [{ address: "127.0.0.1", family: 4 }]) : done(null, "127.0.0.1", 4)));
};

// The scanner's postinstall downloads the HSTS preload list; offline, no name is preloaded.
const scanner = path.join(path.dirname(fileURLToPath(import.meta.url)), "node_modules", "@mdn", "mdn-http-observatory");
const preloadList = path.join(scanner, "conf", "hsts-preload.json");
if (!fs.existsSync(preloadList)) {
  fs.writeFileSync(preloadList, "{}");
}

const { retrieve } = await import("@mdn/mdn-http-observatory/src/retriever/retriever.js");
const { ALL_TESTS } = await import("@mdn/mdn-http-observatory/src/constants.js");
const { getGradeForScore, getScoreModifier } = await import("@mdn/mdn-http-observatory/src/grader/grader.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await import("@mdn/mdn-http-observatory/src/grader/charts.js");

const closedPort = await new Promise((resolve) => {
  const server = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

const requests = await retrieve(hostname, { httpsPort, httpPort: closedPort, path: requestPath });
const response = requests.responses.auto;
if (!response) {
  console.error(`no answer from https://${hostname}:${httpsPort}${requestPath}`);
  process.exit(1);
}

// The grading of the scanner's own scan(): penalties always count, bonuses only from an A up.
let withExtraCredit = 100;
let uncurved = 100;
const tests = {};
for (const test of ALL_TESTS) {
  const output = test(requests);
  const modifier = output.result ? getScoreModifier(output.result) : 0;
  withExtraCredit += modifier;
  uncurved += Math.min(modifier, 0);
  tests[output.constructor.name] = { result: output.result, pass: output.pass, scoreModifier: modifier };
}

const final = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved);
console.log(JSON.stringify({ grade: final.grade, score: final.score, statusCode: response.status, verified: response.verified, tests }, null, 2));
