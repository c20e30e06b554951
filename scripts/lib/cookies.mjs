// The sample sites' backends (the demo's shop, the tests' host site) know a visitor by a cookie.

/** The value of cookie `name` in a Node request, or undefined. */
export function cookieValue(request, name) {
  const pair = (request.headers.cookie ?? "").split(/;\s*/u).find((candidate) => candidate.startsWith(`${name}=`));
  return pair?.slice(name.length + 1);
}
