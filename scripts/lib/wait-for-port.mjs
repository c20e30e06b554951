import { connect } from "node:net";

/** Resolves once something accepts TCP connections on the loopback `port`; rejects after `timeoutMs`. */
export function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listened on port ${port} in time`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}
