/** Sends `message` to a child process (if given) and resolves with the `key` field of its first reply that has one. */
export function askChild(child, message, key) {
  return new Promise((resolve) => {
    const onMessage = (reply) => {
      if (key in reply) {
        child.off("message", onMessage);
        resolve(reply[key]);
      }
    };
    child.on("message", onMessage);
    if (message !== undefined) child.send(message);
  });
}
