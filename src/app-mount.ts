import { mount } from 'svelte';
import App from './App.svelte';

/** Renders the console into target (its own module: the Svelte runtime and the views load beside the socket). */
export function mountApp(target: HTMLElement): void {
  mount(App, { target });
}
