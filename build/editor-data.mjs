// Editor help made from dist/custom-elements.json: VS Code's HTML custom data (completion and hover for
// the tag and its attributes in .html files) and web-types (the same in JetBrains editors).

/** The manifest's custom elements: the declarations with a tag name. */
export function customElementsOf(manifest) {
  return manifest.modules.flatMap((module) => (module.declarations ?? []).filter((declaration) => declaration.tagName));
}

/** Literal values of a type such as `"light" | "dark"`, when it is only such literals. */
function literalValues(typeText = "") {
  const parts = typeText.split("|").map((part) => part.trim());
  return parts.every((part) => /^"[^"]*"$/.test(part)) ? parts.map((part) => part.slice(1, -1)) : [];
}

export function vscodeCustomData(manifest) {
  return {
    $schema: "https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json",
    version: 1.1,
    tags: customElementsOf(manifest).map((element) => ({
      name: element.tagName,
      description: element.description ?? "",
      attributes: (element.attributes ?? []).map((attribute) => ({
        name: attribute.name,
        description: attribute.description ?? "",
        ...(literalValues(attribute.type?.text).length > 0 && {
          values: literalValues(attribute.type.text).map((name) => ({ name })),
        }),
      })),
    })),
  };
}

export function webTypes(manifest, { name, version }) {
  return {
    $schema: "https://raw.githubusercontent.com/JetBrains/web-types/master/schema/web-types.json",
    name,
    version,
    "description-markup": "markdown",
    contributions: {
      html: {
        elements: customElementsOf(manifest).map((element) => ({
          name: element.tagName,
          description: element.description ?? "",
          attributes: (element.attributes ?? []).map((attribute) => ({
            name: attribute.name,
            description: attribute.description ?? "",
            value: { type: attribute.type?.text ?? "string", ...(attribute.default && { default: attribute.default }) },
          })),
          events: (element.events ?? []).map((event) => ({ name: event.name, description: event.description ?? "" })),
          css: {
            parts: (element.cssParts ?? []).map((part) => ({ name: part.name, description: part.description ?? "" })),
            properties: (element.cssProperties ?? []).map((property) => ({
              name: property.name,
              description: property.description ?? "",
            })),
          },
        })),
      },
    },
  };
}
