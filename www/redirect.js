// The site's root: sends the browser to the home page in the first of its
// languages that the site speaks (the root's <link rel="alternate"> list
// them), else to the first one listed. Without JavaScript the root shows
// plain links instead.
const homes = new Map(
  [...document.querySelectorAll('link[rel="alternate"][hreflang]:not([hreflang="x-default"])')].map((link) => [link.hreflang, link.href]),
);
const wanted = [...(navigator.languages ?? []), navigator.language]
  .filter(Boolean)
  .map((tag) => tag.toLowerCase().split('-')[0])
  .find((lang) => homes.has(lang));
const home = homes.get(wanted) ?? homes.values().next().value;
if (home) location.replace(home);
