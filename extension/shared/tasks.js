/**
 * Work in tasks of its own, so that what the page (or the worker) has
 * waiting goes first. Shared by the content script and the background.
 */

/**
 * Calls `callback` in a task of its own, behind what the page has queued
 * (a frame begun renders first). One channel for all: a message is cheap, a
 * channel is not.
 */
export function afterPagesTurn(callback) {
  if (waiting.length === 0) channel.port2.postMessage(null);
  waiting.push(callback);
}
const waiting = [];
const channel = new MessageChannel();
channel.port1.onmessage = () => {
  const callbacks = waiting.splice(0);
  for (const callback of callbacks) callback();
};

/**
 * Gives the page its main thread back for a moment: what the page has
 * waiting (input, rendering, its own tasks) goes first. A message to
 * ourselves, which, unlike a chain of timers, is not held back 4 ms each
 * time; not `scheduler.yield`, whose continuations go before the page's own
 * tasks and held its timers back for as long as a backlog lasted (seconds).
 */
export function yieldToPage() {
  return new Promise((resolve) => afterPagesTurn(resolve));
}
