/*
 * Start Swagger UI on the API documentation page (/api/docs/).
 *
 * The page names the schema's address in a data-schema-url attribute and Swagger UI's
 * settings in the JSON block #swagger-settings; the code lives here
 * rather than inline because the Content-Security-Policy allows only the hub's own
 * script files. The API is read-only and public, so no credentials are sent.
 */
(function () {
  "use strict";

  function start() {
    var schema = document.querySelector("[data-schema-url]");
    var settingsBlock = document.getElementById("swagger-settings");
    if (!schema || typeof window.SwaggerUIBundle !== "function") {
      return;
    }
    var settings = settingsBlock ? JSON.parse(settingsBlock.textContent) : {};
    window.ui = window.SwaggerUIBundle(Object.assign({
      url: schema.getAttribute("data-schema-url"),
      dom_id: "#swagger-ui",
      presets: [window.SwaggerUIBundle.presets.apis],
      layout: "BaseLayout"
    }, settings));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
