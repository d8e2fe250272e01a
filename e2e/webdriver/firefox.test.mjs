// The core flows in Firefox ESR (geckodriver, WebDriver BiDi).
import { flows } from "./flows.mjs";

flows("firefox");
