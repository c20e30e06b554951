// The widget's store seen from outside (IndexedDB `xmppmini-chat`, store `messages`, keyed by account,
// peer and id). seedStoredConversation writes a long conversation into it as the widget keeps messages:
// for the long-history test and the benchmark's scenario 5. Runs in the page (pass it to page.evaluate);
// the widget is signed out first, so it does not write meanwhile. A day of messages every 400; every third
// one ours, every seventh styled.

/** @param {{ account: string, peer: string, count: number }} options */
export async function seedStoredConversation({ account, peer, count }) {
  await document.querySelector("xmppmini-chat")?.disconnect?.();
  const database = await new Promise((resolve, reject) => {
    const request = indexedDB.open("xmppmini-chat");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const start = Date.now() - count * 216_000;
  const transaction = database.transaction("messages", "readwrite");
  for (let index = 1; index <= count; index += 1) {
    const incoming = index % 3 !== 0;
    const timestamp = start + index * 216_000;
    transaction.objectStore("messages").put({
      account,
      peer,
      id: `seed-${index}`,
      from: incoming ? peer : account,
      to: incoming ? account : peer,
      body: `message ${String(index).padStart(5, "0")}${index % 7 === 0 ? " with *some* styling and a link https://example.org/" : ""}`,
      direction: incoming ? "in" : "out",
      timestamp,
      order: timestamp,
      ...(incoming ? {} : { state: "read" }),
    });
  }
  await new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve(undefined);
    transaction.onerror = () => reject(transaction.error);
  });
  database.close();
}

/**
 * The bodies the widget has stored for one conversation, oldest first (by order key). Runs in the page:
 * a test waits on it for the widget's writes to be done before a reload.
 * @param {{ account: string, peer: string }} options
 */
export async function storedConversationBodies({ account, peer }) {
  const database = await new Promise((resolve, reject) => {
    const request = indexedDB.open("xmppmini-chat");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    if (!database.objectStoreNames.contains("messages")) return [];
    const all = await new Promise((resolve, reject) => {
      const request = database.transaction("messages").objectStore("messages").getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return all
      .filter((message) => message.account === account && message.peer === peer)
      .sort((a, b) => (a.order ?? a.timestamp) - (b.order ?? b.timestamp))
      .map((message) => message.body);
  } finally {
    database.close();
  }
}
