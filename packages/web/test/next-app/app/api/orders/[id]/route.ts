// The README's route example, as it is: built and type-checked by Next.js here.
export { GET } from '../../../../../../examples/next-route';
