import { moduleStylesheet } from '../../../platform/views/stylesheet.js';

const style = moduleStylesheet(new URL('./procedure.css', import.meta.url), '/services/assets', 'procedure');

/** Path, under the commune, of the services' stylesheet (grouped list, and the one-page print of a procedure). */
export const procedureStylePath = style.path;
export const registerProcedureStyle = style.register;
