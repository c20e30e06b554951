/**
 * The attributes a page may set on `<xmppmini-chat>`, by attribute name, for the npm loader and the
 * framework typings (docs/reference.md says what each does). `status` is left out: the widget sets it.
 */
export interface XmppminiAttributes {
  jid?: string;
  password?: string;
  service?: string;
  resolver?: string;
  peer?: string;
  notify?: string;
  login?: "" | "password" | "guest" | "anonymous";
  domain?: string;
  rooms?: string;
  nick?: string;
  retention?: number | string;
  mode?: "embedded" | "overlay";
  position?: "bottom-right" | "bottom-left";
  theme?: "light" | "dark";
  open?: boolean;
  "load-images"?: "known" | "always";
  "roster-url"?: string;
  "upload-url"?: string;
  "chat-param"?: string;
  "credentials-url"?: string;
  "intercept-links"?: boolean;
  lang?: string;
}
