// What a room pane adds to the widget (XEP-0045): its bar and the @-name suggestions. A chunk of its own,
// loaded with the first room: a one-to-one chat never needs it.
export { renderRoomBar, type RoomActions } from "./templates/room-view.js";
export { MentionPicker } from "./controllers/mention-picker.js";
export { roomStringsFor } from "./i18n/room-strings.js";
export { roomStyles } from "./styles/room-styles.js";
export { avatarStyles } from "./avatars/avatar.js";
