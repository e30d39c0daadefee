// TEMPORARY stand-ins for guide-ui's help vocabulary (see ../[guide].astro).
export { default as Steps } from './Steps.astro';
export { default as Step } from './Step.astro';
export { default as Variant } from './Variant.astro';
export { default as SafetyReminder } from './SafetyReminder.astro';
