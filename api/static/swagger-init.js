// Starts Swagger UI on /docs (api/api_docs.py): FastAPI's inline start-up script, served as a file because
// the Content-Security-Policy allows only scripts from this server. The schema's URL is the script tag's
// data-openapi-url; validatorUrl null: Swagger UI would otherwise ask validator.swagger.io for a badge.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = (script && script.getAttribute("data-openapi-url")) || "/openapi.json";
  window.ui = SwaggerUIBundle({
    url: url,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset]
  });
})();
