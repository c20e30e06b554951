import { createApp } from "vue";
import "xmppmini-chat";
import App from "./App.vue";

createApp(App).mount("#app");
