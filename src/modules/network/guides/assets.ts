import { moduleStylesheet } from '../../../platform/views/stylesheet.js';

const style = moduleStylesheet(new URL('./guide.css', import.meta.url), '/network/guides/assets', 'guide');

/** Path of the guides' stylesheet (table of contents, and the print rules). */
export const guideStylePath = style.path;
export const registerGuideStyle = style.register;
