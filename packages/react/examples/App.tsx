// src/App.tsx
import { useSignedFetch } from '@apisig/react';
import { useEffect, useState } from 'react';

export function App() {
  const signedFetch = useSignedFetch();
  const [orders, setOrders] = useState<unknown[]>([]);
  useEffect(() => {
    signedFetch('/v1/orders') // https://api.example.com/v1/orders, signed
      .then((response) => response.json())
      .then(setOrders);
  }, [signedFetch]); // stable: this effect runs once
  return <pre>{JSON.stringify(orders)}</pre>;
}
