// Validates an OpenAPI document against the OpenAPI 3 schema and resolves every reference in it.
// Usage: node validate.mjs <document.json>. Exit 0 and "giltigt" when valid; exit 1 with the reasons otherwise.
import SwaggerParser from "@apidevtools/swagger-parser";

const file = process.argv[2];
if (!file) {
  console.error("Ange dokumentet: node validate.mjs <document.json>");
  process.exit(2);
}
try {
  const api = await SwaggerParser.validate(file);
  console.log(`giltigt: ${api.info.title} ${api.info.version}, OpenAPI ${api.openapi}`);
} catch (error) {
  console.error(`ogiltigt: ${error.message}`);
  process.exit(1);
}
