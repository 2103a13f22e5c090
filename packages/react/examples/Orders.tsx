import { parseRefusal, useSignedFetch } from '@apisig/react';
import { useQuery } from '@tanstack/react-query';

interface Order {
  id: string;
  total: number;
}

export function Orders() {
  const signedFetch = useSignedFetch();
  const orders = useQuery({
    queryKey: ['orders'],
    queryFn: async (): Promise<Order[]> => {
      const response = await signedFetch('/v1/orders');
      const refusal = await parseRefusal(response); // the API's 401/403, or null
      if (refusal) throw new Error(`refused: ${refusal.reason}`);
      if (!response.ok) throw new Error(`orders: HTTP ${response.status}`);
      return response.json();
    },
  });
  if (orders.isPending) return <p>Loading…</p>;
  if (orders.isError) return <p>{orders.error.message}</p>;
  return (
    <ul>
      {orders.data.map((order) => (
        <li key={order.id}>{order.total}</li>
      ))}
    </ul>
  );
}
