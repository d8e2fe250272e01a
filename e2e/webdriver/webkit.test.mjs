// The core flows in WebKitGTK (WebKitWebDriver, phone-webview.py under Xvfb).
import { flows } from "./flows.mjs";

flows("webkit");
