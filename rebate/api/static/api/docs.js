// /api/docs/: Swagger UI (vendored under static/api/swagger-ui) on the schema named by the
// page. A static file: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  const root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    deepLinking: true,
    persistAuthorization: false,
    presets: [window.SwaggerUIBundle.presets.apis],
  });
})();
