import { createBffApp } from "./app";
import { ConfigError, loadConfig } from "./config";

/** CLI: reads BATCH_STUDIO_* from the environment, listens, prints the URL. */
const main = async () => {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      console.error("See docs/CONFIGURATION.md for every setting.");
      process.exit(2);
    }
    throw err;
  }
  const bff = createBffApp(config);
  const { url } = await bff.listen();
  console.log(`Batch Studio BFF listening on ${url}`);
  const stop = () => {
    void bff.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
};

void main();
