// The API docs page: Swagger UI over this server's OpenAPI schema. A file, not an inline script,
// so that a Content-Security-Policy of script-src 'self' holds; no validator badge (it would
// send the schema to validator.swagger.io).
"use strict";
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  validatorUrl: null,
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
