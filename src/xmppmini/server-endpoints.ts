/** Where a domain's XMPP server takes connections: WebSocket (RFC 7395) and BOSH (XEP-0206) URLs. */
export interface Endpoints {
  readonly websocket?: string;
  readonly bosh?: string;
}

export function hasEndpoint(endpoints: Endpoints): boolean {
  return endpoints.websocket !== undefined || endpoints.bosh !== undefined;
}
